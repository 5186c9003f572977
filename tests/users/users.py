#!/usr/bin/python3
"""tests/users/users.py ISO - logins on two consoles (TAP on stdout).

Boots ISO with COM1 and COM2, logs alice in on COM1 and bob on COM2 at
the same time and checks, each step with a timeout: the boot's root
filesystem, a wrong password refused, the password never echoed, each
shell's identity, who may write where (homes, /tmp with its sticky bit),
the owners and modes the initrd gave the root filesystem, and that init
gives the console a new login when the shell ends.  The users' shell is
BusyBox's ash (/bin/sh in /etc/passwd); each command ends with
`echo rc=$?` so a refusal is checked by its status as well as its message.
"""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "harness"))
from console import Guest, Tap, Timeout  # noqa: E402

PROMPT = r"[$#] $"
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
            # orphans go to pid 1: it must be init, not the root ramfs
            c1.expect(r"started /sbin/init \(pid 1\)", 30)
            c1.expect(LOGIN, 90)
            c2.expect(LOGIN, 30)
            c1.sendline("")       # an empty name: the prompt again
            c2.sendline("")
        tap.check("boot to login: on COM1 and COM2, root on ramfs, init pid 1",
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

        def sh(port, cmd, pattern, rc=0, timeout=20):
            """cmd must print pattern and end with status rc"""
            return run(port, cmd + "; echo rc=$?",
                       r"(?s)" + pattern + r".*?^rc=%d$" % rc, timeout)

        def ids():
            sh(c1, "id", r"uid=1000\(alice\) gid=1000\(alice\)")
            sh(c1, "id -G", r"\n1000 100\n")
            sh(c2, "id", r"uid=1001\(bob\) gid=1001\(bob\)")
            sh(c1, "id -u", r"\n1000\n")   # still alice after bob came
            sh(c1, "pwd", r"\n/home/alice\n")
            sh(c1, "echo $HOME $USER $SHELL",
               r"\n/home/alice alice /bin/sh\n")
        tap.check("id: alice is 1000, bob is 1001, at the same time",
                  step(ids), g)

        def owners_in_proc():
            # proc knows each shell's owner: the identity login gave it
            sh(c1, "ls -lnd /proc/$$", r"\n\S+ +\d+ 1000 +1000 ")
            sh(c2, "ls -lnd /proc/$$", r"\n\S+ +\d+ 1001 +1001 ")
            sh(c1, "ps", r"\n +\d+ alice +\d+ +\S+ +\{-sh\} -sh\n")
            sh(c1, "ps", r"\n +\d+ bob +\d+ +\S+ +\{-sh\} -sh\n")
        tap.check("ps and /proc show each shell owned by its user",
                  step(owners_in_proc), g)

        def homes():
            sh(c1, "echo hello from alice > note", r"")
            sh(c1, "cat /home/alice/note", r"\nhello from alice\n")
            sh(c1, "ls -ln note", r"\n-rw-r--r-- +1 1000 +1000 ")
            sh(c1, "echo x > /home/bob/intruder",
               r"can't create /home/bob/intruder: Permission denied", 1)
            sh(c2, "ls /home/bob/intruder", r"No such file", 1)
            sh(c2, "echo ok > /home/bob/mine", r"")
            sh(c2, "ls -ln /home/bob/mine", r"\n-rw-r--r-- +1 1001 +1001 ")
        tap.check("alice writes in her home, not in bob's", step(homes), g)

        def owners():
            sh(c1, "ls -ln /etc/shadow", r"\n-rw------- +1 0 +0 ")
            sh(c1, "cat /etc/shadow", r"Permission denied", 1)
            sh(c1, "ls -ln /etc/passwd", r"\n-rw-r--r-- +1 0 +0 ")
            sh(c1, "grep ^bob: /etc/passwd", r"\nbob:x:1001:1001:")
            sh(c1, "ls -ln /sbin/login", r"\n-rwxr-xr-x +1 0 +0 ")
            sh(c1, "ls -lnd /home/bob", r"\ndrwxr-xr-x +\d+ 1001 +1001 ")
            sh(c1, "ls -lnd /root", r"\ndrwx------ +\d+ 0 +0 ")
            sh(c1, "ls /root", r"Permission denied", 1)
        tap.check("root filesystem: the initrd's files, owners and modes",
                  step(owners), g)

        def tmp():
            sh(c1, "ls -lnd /tmp", r"\ndrwxrwxrwt +\d+ 0 +0 ")
            sh(c1, "echo from alice > /tmp/a", r"")
            sh(c2, "echo from bob > /tmp/b", r"")
            sh(c2, "cat /tmp/a", r"\nfrom alice\n")
            sh(c1, "cat /tmp/b", r"\nfrom bob\n")
            sh(c2, "ls -ln /tmp/a", r"\n-rw-r--r-- +1 1000 +1000 ")
            # sticky: bob may not remove alice's file, alice may
            sh(c2, "rm -f /tmp/a", r"can't remove '/tmp/a'", 1)
            sh(c1, "cat /tmp/a", r"\nfrom alice\n")
            sh(c1, "rm /tmp/a", r"")
            sh(c1, "ls /tmp/a", r"No such file", 1)
        tap.check("/tmp: writable by both, sticky", step(tmp), g)

        def tmp_room():
            # /tmp's ramfs sizes itself from the machine's memory (sysinfo):
            # 400 small files and a listing with each name once
            sh(c1, "mkdir /tmp/many && cd /tmp/many && "
               "for i in $(seq 1 400); do echo x > f$i || break; done; "
               "rm f1*; mv f5 g5; ls | wc -l; ls | sort | uniq -d | wc -l; "
               "cd", r"\n289\n0\n", timeout=120)
        tap.check("/tmp: room for 400 files, listed once after rm and mv",
                  step(tmp_room), g)

        def again():
            c2.sendline("exit")
            seen = login(c2, "root", "root")   # waits for the new login:
            sh(c2, "id -u", r"\n0\n")
            return "password echoed" if "root" in seen else None
        tap.check("shell exit gives a new login; root logs in",
                  step(again), g)
    tap.done()


if __name__ == "__main__":
    main(sys.argv[1])
