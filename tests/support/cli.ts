/**
 * Runs the command line (`npm run cli -- <command> …`) in its own process against a test database, as a cron job
 * or a clerk's script would: what it printed and its exit code.
 */
import { spawn } from 'node:child_process';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A runner of one command (`notice`, `dispute`, `evaluation` …) against the database at `url`. */
export function cliRunner(url: string, command: string): (args: string[]) => Promise<CliRun> {
  return (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', command, ...args], {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
}
