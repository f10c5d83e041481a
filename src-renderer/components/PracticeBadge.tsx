/** The practice notice on every screen, sign-in included, so a drill is never taken for real custody. */
export function PracticeBadge({ practiceMode }: { readonly practiceMode: boolean }) {
  return practiceMode ? <span className="badge badge-practice">PRACTICE — simulated media</span> : null;
}
