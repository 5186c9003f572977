#!/usr/bin/python3
"""tests/harness/console.py - drive an Argot guest's serial consoles.

Used by suites that log in and type (run with /usr/bin/python3; standard
library only).  COM1 is QEMU's stdio (a pipe here), COM2 a unix socket.
Every step has a timeout; everything each console prints is kept in
$top_builddir/tests/out/NAME.com1.log (and .com2.log).

As a library:
    from console import Guest, Tap
    tap = Tap()
    with Guest("login", iso, serial2=True, total=120) as g:
        g.com1.expect(r"login: ", 30)
        g.com1.sendline("root")
        tap.check("root gets a shell", g.com1.expect_ok(r"# ", 10), g)
    tap.done()

As a program, with a script (one step a line):
    console.py --name NAME --iso ISO [--serial2] [--total SECS] SCRIPT
  test NAME            start a test (its result is the outcome of its steps)
  expect [2] REGEX     wait for REGEX on COM1 (or COM2); default 10 s
  send [2] TEXT        type TEXT (\\n, \\r, \\x03 escapes understood)
  sendline [2] TEXT    type TEXT and Enter
  timeout SECS         the per-step timeout from here on
  # comment
Output is TAP.
"""
import os, re, select, socket, subprocess, sys, time

TOP_SRC = os.environ.get("top_srcdir") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
TOP_BUILD = os.environ.get("top_builddir") or TOP_SRC
OUT = os.path.join(TOP_BUILD, "tests", "out")


class Timeout(Exception):
    pass


class Port:
    """One serial console: bytes in through read_fd, out through write."""

    def __init__(self, name, read_fd, write, log_path):
        self.name, self.fd, self.write = name, read_fd, write
        self.buf = ""          # received and not yet consumed by expect
        self.log = open(log_path, "w", encoding="utf-8", errors="replace")

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.fd], [], [], left)
        if not r:
            return False
        data = os.read(self.fd, 4096)
        if not data:
            raise EOFError(self.name + ": the guest is gone")
        text = data.decode("utf-8", "replace").replace("\r", "")
        self.log.write(text)
        self.log.flush()
        self.buf += text
        return True

    def expect(self, pattern, timeout=10):
        """Wait for pattern; consume output up to its end; return match."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            if not self._fill(deadline):
                raise Timeout("%s: no %r within %ss; last output: %r" % (
                    self.name, pattern, timeout, self.buf[-200:]))

    def expect_ok(self, pattern, timeout=10):
        """expect() that returns None or the reason it failed."""
        try:
            self.expect(pattern, timeout)
            return None
        except (Timeout, EOFError) as e:
            return str(e)

    def send(self, text):
        self.log.write(text)
        self.write(text.encode())

    def sendline(self, text):
        self.send(text + "\r")


class Guest:
    """A QEMU running an ISO with its consoles attached."""

    def __init__(self, name, iso, serial2=False, total=300, extra=()):
        os.makedirs(OUT, exist_ok=True)
        self.name, self.deadline = name, time.monotonic() + total
        sock = os.path.join(OUT, name + ".com2.sock")
        cmd = [os.path.join(TOP_SRC, "tools", "qemu-argot"), "--iso", iso]
        if serial2:
            if os.path.exists(sock):
                os.unlink(sock)
            cmd += ["--serial2", "unix:%s,server=on,wait=off" % sock]
        cmd += list(extra)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)

        def w1(b):
            self.proc.stdin.write(b)
            self.proc.stdin.flush()
        self.com1 = Port("COM1", self.proc.stdout.fileno(), w1,
                         os.path.join(OUT, name + ".com1.log"))
        self.com2 = None
        if serial2:
            s = self._connect(sock)
            self.com2 = Port("COM2", s.fileno(), s.sendall,
                             os.path.join(OUT, name + ".com2.log"))
            self._sock = s

    def _connect(self, path):
        for _ in range(100):
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                return s
            except OSError:
                time.sleep(0.05)
        raise Timeout("COM2 socket %s never appeared" % path)

    def logs(self):
        return self.com1.log.name + (
            " " + self.com2.log.name if self.com2 else "")

    def close(self):
        """Stop QEMU (if still running); return its exit status."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Tap:
    def __init__(self):
        self.n = 0

    def check(self, name, failure, guest=None):
        """failure: None for success, else the reason."""
        self.n += 1
        if failure is None:
            print("ok %d - %s" % (self.n, name))
        else:
            where = " (logs: %s)" % guest.logs() if guest else ""
            print("not ok %d - %s: %s%s" % (self.n, name, failure, where))
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)


def unescape(s):
    return s.encode().decode("unicode_escape")


def run_script(args):
    """The script interpreter described in the module docstring."""
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--serial2", action="store_true")
    ap.add_argument("--total", type=float, default=300)
    ap.add_argument("script")
    a = ap.parse_args(args)
    tap, step_timeout, test, failed = Tap(), 10.0, None, None
    with Guest(a.name, a.iso, a.serial2, a.total) as g:
        for line in open(a.script, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            word, _, rest = line.strip().partition(" ")
            port = g.com1
            if word in ("expect", "send", "sendline") and \
                    rest.startswith("2 "):
                port, rest = g.com2, rest[2:]
            if word == "test":
                if test is not None:
                    tap.check(test, failed, g)
                test, failed = rest, None
            elif word == "timeout":
                step_timeout = float(rest)
            elif failed is not None:
                continue        # this test already failed: skip its steps
            elif word == "expect":
                left = min(step_timeout, g.deadline - time.monotonic())
                failed = port.expect_ok(rest, max(left, 0))
            elif word == "send":
                port.send(unescape(rest))
            elif word == "sendline":
                port.sendline(unescape(rest))
            else:
                failed = "bad script line: " + line
        if test is not None:
            tap.check(test, failed, g)
    tap.done()


if __name__ == "__main__":
    run_script(sys.argv[1:])
