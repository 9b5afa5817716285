/** Everything the routes share, built once per running sandbox. */
import type { HttpBindings } from "@hono/node-server";
import { Faults } from "./admin/faults";
import { Stats } from "./admin/stats";
import { RecordBook } from "./records/book";
import { Directory } from "./fixtures/directory";
import { AssertionVerifier } from "./oauth/client-assertion";
import type { MailCatcher } from "./mail/catcher";
import type { SandboxConfig } from "./options";
import { Sessions } from "./state/sessions";
import type { Store } from "./state/store";

export interface Deps {
  config: SandboxConfig;
  store: Store;
  directory: Directory;
  /** Every patient's record, built on demand (see records/). */
  data: RecordBook;
  sessions: Sessions;
  assertions: AssertionVerifier;
  stats: Stats;
  faults: Faults;
  /** The mail catcher, when one runs. */
  mail?: MailCatcher;
}

/** The Hono environment of every route: Node's request and response are at hand (faults drop connections). */
export type AppEnv = { Bindings: HttpBindings };

export function createDeps(config: SandboxConfig, store: Store, mail?: MailCatcher): Deps {
  const directory = new Directory(config.syntheticPatients);
  const stats = new Stats();
  const faults = new Faults();
  faults.onFire = () => {
    stats.faultsFired += 1;
  };
  return {
    config,
    store,
    directory,
    data: new RecordBook(directory, config.recordSize),
    sessions: new Sessions(),
    assertions: new AssertionVerifier(config.now),
    stats,
    faults,
    ...(mail && { mail }),
  };
}
