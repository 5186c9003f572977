#!/usr/bin/python3
"""tests/users/users.py ISO - logins on two consoles (TAP on stdout).

Boots ISO with COM1 and COM2, logs alice in on COM1 and bob on COM2 at
the same time and checks, each step with a timeout: the boot's root
filesystem, a wrong password refused, the password never echoed, each
shell's identity, who may write where (homes, /tmp with its sticky bit),
the owners and modes the initrd gave the root filesystem, and that init
gives the console a new login when the shell ends.  The shell is
/sbin/conshell (its id, write, cat, stat, rm commands) until BusyBox runs.
"""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "harness"))
from console import Guest, Tap, Timeout  # noqa: E402

PROMPT = r"argot\$ "
LOGIN, PASSWORD = r"login: $", r"Password: $"
CHECK = 30     # s: a password check is SHA-512 crypt under TCG, or the delay


def run(port, cmd, pattern, timeout=15):
    """Type cmd, wait for pattern then the prompt; return what came before
    the prompt (the command's output)."""
    port.sendline(cmd)
    m = port.expect(pattern, timeout)
    after = port.expect(PROMPT, timeout)
    return m.string[m.start():m.end()] + after.string[:after.start()]


def login(port, user, password):
    """Log in; return the text between Password: and the first prompt."""
    port.expect(LOGIN, 60)
    port.sendline(user)
    port.expect(PASSWORD, 15)
    port.sendline(password)
    m = port.expect(PROMPT + "|Login incorrect", CHECK)
    if m.group(0) == "Login incorrect":
        raise Timeout("%s/%s: Login incorrect" % (user, password))
    return m.string[:m.start()]


def step(fn):
    """Run one test body: None, or why it failed."""
    try:
        return fn()
    except (Timeout, EOFError) as e:
        return str(e)


def main(iso):
    tap = Tap()
    with Guest("users", iso, serial2=True, total=600) as g:
        c1, c2 = g.com1, g.com2
        state = {}

        def boot():
            m = c1.expect(r"root filesystem: ramfs with (\d+) files", 120)
            if int(m.group(1)) < 5:
                return "only %s files copied from the initrd" % m.group(1)
            c1.expect(LOGIN, 90)
            c2.expect(LOGIN, 30)
            c1.sendline("")       # an empty name: the prompt again
            c2.sendline("")
        tap.check("boot to login: on COM1 and COM2, root on ramfs",
                  step(boot), g)

        def wrong():
            c1.expect(LOGIN, 15)
            c1.sendline("alice")
            c1.expect(PASSWORD, 15)
            c1.sendline("wrongpass")
            m = c1.expect(r"Login incorrect|" + PROMPT, CHECK)
            if m.group(0) != "Login incorrect":
                return "a wrong password gave a shell"
            if "wrongpass" in m.string[:m.start()]:
                return "the wrong password was echoed"
            c1.sendline("nosuchuser")   # unknown user: same answer
            c1.expect(PASSWORD, 15)
            c1.sendline("nosuchuser")
            m = c1.expect(r"Login incorrect|" + PROMPT, CHECK)
            if m.group(0) != "Login incorrect":
                return "an unknown user gave a shell"
        tap.check("wrong password and unknown user refused", step(wrong), g)

        def alice_in():
            seen = login(c1, "alice", "alice")
            state["alice"] = True
            if "alice" in seen:
                return "the password was echoed: %r" % seen
        tap.check("alice logs in on COM1, password not echoed",
                  step(alice_in), g)

        def bob_in():
            seen = login(c2, "bob", "bob")
            state["bob"] = True
            if "bob" in seen:
                return "the password was echoed: %r" % seen
        tap.check("bob logs in on COM2 while alice is logged in",
                  step(bob_in), g)

        def ids():
            run(c1, "id", r"uid=1000 gid=1000 groups=1000,100")
            run(c2, "id", r"uid=1001 gid=1001 groups=1001,100")
            run(c1, "id", r"uid=1000 ")   # still alice after bob came
        tap.check("id: alice is 1000, bob is 1001, at the same time",
                  step(ids), g)

        def homes():
            run(c1, "write note hello from alice", r"")
            run(c1, "cat /home/alice/note", r"hello from alice")
            run(c1, "stat /home/alice/note", r"uid=1000 gid=1000")
            out = run(c1, "write /home/bob/intruder x",
                      r"write: /home/bob/intruder: .*\(errno 13\)")
            run(c2, "stat /home/bob/intruder", r"\(errno 2\)")
            run(c2, "write /home/bob/mine ok", r"")
            run(c2, "stat /home/bob/mine", r"uid=1001")
            return None if out else "no answer"
        tap.check("alice writes in her home, not in bob's", step(homes), g)

        def owners():
            run(c1, "stat /etc/shadow", r"file mode=0600 uid=0 gid=0")
            run(c1, "cat /etc/shadow", r"cat: /etc/shadow: .*\(errno 13\)")
            run(c1, "stat /etc/passwd", r"file mode=0644 uid=0 gid=0")
            run(c1, "cat /etc/passwd", r"bob:x:1001:1001:")
            run(c1, "stat /sbin/login", r"file mode=0755 uid=0 gid=0")
            run(c1, "stat /home/bob", r"directory mode=0755 uid=1001 gid=1001")
            run(c1, "stat /root", r"directory mode=0700 uid=0")
        tap.check("root filesystem: the initrd's files, owners and modes",
                  step(owners), g)

        def tmp():
            run(c1, "stat /tmp", r"directory mode=1777 uid=0")
            run(c1, "write /tmp/a from alice", r"")
            run(c2, "write /tmp/b from bob", r"")
            run(c2, "cat /tmp/a", r"from alice")
            run(c1, "cat /tmp/b", r"from bob")
            run(c2, "stat /tmp/a", r"uid=1000")
            # sticky: bob may not remove alice's file, alice may
            run(c2, "rm /tmp/a", r"rm: /tmp/a: .*\(errno (1|13)\)")
            run(c1, "cat /tmp/a", r"from alice")
            run(c1, "rm /tmp/a", r"")
            run(c1, "stat /tmp/a", r"\(errno 2\)")
        tap.check("/tmp: writable by both, sticky", step(tmp), g)

        def again():
            c2.sendline("exit")
            seen = login(c2, "root", "root")   # waits for the new login:
            run(c2, "id", r"uid=0 gid=0")
            return "password echoed" if "root" in seen else None
        tap.check("shell exit gives a new login; root logs in",
                  step(again), g)
    tap.done()


if __name__ == "__main__":
    main(sys.argv[1])
