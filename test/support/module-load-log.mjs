// `node --import ./test/support/module-load-log.mjs …`: appends the URL of every module the process loads to the
// file named by STRONGROOM_TEST_MODULE_LOG, so a test can say which command modules and packages a run loaded.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env.STRONGROOM_TEST_MODULE_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
