// `kdash --once | head -1`, `kdash logs … | head`: when the reader goes away, writing to stdout fails
// with EPIPE. Like other command-line tools, kdash then ends quietly (exit 0) instead of crashing
// with a stack trace — and a followed log stream stops instead of running on for nobody.

export function exitQuietlyWhenReaderGoes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr], exit: (code: number) => void = process.exit): void {
  for (const s of streams) {
    s.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') exit(0);
      else throw err;
    });
  }
}
