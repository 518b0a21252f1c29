// Loaded into every test file's process (`--import` in `npm test`). When a file's tests are done and
// something still holds its event loop (seen once: a DuckDB store whose files stayed open after close, on a
// machine at load 15), the file's process would never exit and the whole run would hang. This gives it ten
// seconds after its last hook and then ends it. The timer is unref'd, so a file that closes everything exits
// at once as before; and unlike --test-force-exit, which once cut a file's report short and let its last
// tests vanish unreported, the reporter has the ten seconds to finish writing.
import { after } from "node:test";

after(() => {
  setTimeout(() => process.exit(), 10_000).unref();
});
