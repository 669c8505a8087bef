/** Runs a command-line tool's main: its return value is the exit code; an error is one line on stderr and exit code 1. */
export function runCli(main: (argv: string[]) => number | Promise<number>): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.error((err as Error).message);
      process.exitCode = 1;
    });
}
