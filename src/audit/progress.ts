/**
 * A one-line progress indicator for long command-line runs: redrawn in place on a terminal,
 * silent when stderr is not a TTY (logs and CI stay clean). Throttled to a few updates a second.
 */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): { update(done: number, total: number): void; end(): void } {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      stream.write(`\r${label}: ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} (${pct}%)\x1b[K`);
      drawn = true;
    },
    end() {
      if (tty && drawn) stream.write('\r\x1b[K');
    },
  };
}
