// Which host tools the tests can use; tests that need a missing one skip with a visible reason.
import { execFileSync } from 'node:child_process';

/** True when `cmd --version` runs. */
export function hasTool(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function hasGcc(): boolean {
  return hasTool('gcc');
}
