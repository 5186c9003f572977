#!/usr/bin/python3
"""tests/shell/console.py ISO - ^C at the console (TAP on stdout).

Boots the default image (login on COM1), logs in as root (whose shell is
BusyBox's ash), types `sleep 100` and, once it runs, ^C: the terminal
driver must send SIGINT to the foreground group, so the prompt comes back
within seconds, $? is 130 (128 + SIGINT), and the shell itself lives on.
"""
import os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "harness"))
from console import Guest, Tap, Timeout  # noqa: E402

PROMPT = r"[$#] $"

tap = Tap()
with Guest("shell-console", sys.argv[1], total=150) as g:
    c = g.com1
    why = None
    try:
        c.expect(r"login: $", 90)
        c.sendline("root")
        c.expect(r"Password: $", 15)
        c.sendline("root")
        c.expect(PROMPT, 40)
        c.sendline("echo shell=$0")
        c.expect(r"shell=\S*sh", 10)
        c.expect(PROMPT, 10)
    except (Timeout, EOFError) as e:
        why = "no shell prompt after logging in as root: %s" % e
    if why:
        tap.check("ctrl-c ends a foreground sleep 100", why, g)
    else:
        c.sendline("sleep 100")
        c.expect(r"sleep 100", 10)          # the echo of what we typed
        time.sleep(3)                       # sleep is running by now
        t0 = time.monotonic()
        c.send("\x03")
        why = c.expect_ok(PROMPT, 15)
        took = time.monotonic() - t0
        if not why:
            c.sendline("echo rc=$?")
            why = c.expect_ok(r"rc=130", 10)
            if why:
                why = "status after ^C is not 130: " + why
        tap.check("ctrl-c ends a foreground sleep 100 (%.1f s)" % took,
                  why, g)
        c.expect_ok(PROMPT, 10)
        c.sendline("echo alive")
        tap.check("the shell lives on after ^C",
                  c.expect_ok(r"^alive", 10), g)
tap.done()
