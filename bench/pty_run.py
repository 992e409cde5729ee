#!/usr/bin/env python3
"""Runs one command in a pseudo-terminal of a fixed size and relays it to the bench harness.

    python3 bench/pty_run.py COLS ROWS -- CMD ARGS...

stdout carries framed records, each `<B type><Q monotonic ns><I length>` then `length` bytes:
  0 = started (payload: the child's pid), 1 = terminal output, 2 = exited (payload: wait status).
Timestamps come from CLOCK_MONOTONIC, the clock Node's process.hrtime.bigint() reads on Linux, so
the harness can compare them with its own. Bytes on stdin are typed into the terminal as they come.
The pty stands in for a user's terminal: no native module is needed (node-pty would be).
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def record(kind, payload):
    head = struct.pack('<BQI', kind, time.monotonic_ns(), len(payload))
    os.write(1, head + payload)


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    cmd = sys.argv[sys.argv.index('--') + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        # Child: the size is set on our own terminal before exec, so the program sees it at once.
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
        env = dict(os.environ, TERM=os.environ.get('BENCH_TERM', 'xterm-256color'), COLUMNS=str(cols), LINES=str(rows))
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    record(0, str(pid).encode())
    signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGTERM))
    stdin_open = True
    status = None
    while True:
        fds = [fd] + ([0] if stdin_open else [])
        try:
            ready, _, _ = select.select(fds, [], [], 0.5)
        except InterruptedError:
            continue
        if fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b''
            if not data:
                break
            record(1, data)
        if 0 in ready:
            data = os.read(0, 4096)
            if not data:
                # The harness went away: end the program as a user closing the terminal would.
                stdin_open = False
                os.kill(pid, signal.SIGHUP)
            else:
                os.write(fd, data)
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            # Drain what is left.
            try:
                while select.select([fd], [], [], 0.05)[0]:
                    data = os.read(fd, 65536)
                    if not data:
                        break
                    record(1, data)
            except OSError:
                pass
            break
    if status is None:
        _, status = os.waitpid(pid, 0)
    record(2, str(status).encode())


if __name__ == '__main__':
    main()
