"""What this machine can tell about other processes: who they are, whether they still run, and who holds a
port; and temporary folders that outlive no process for long.

Read from Linux's ``/proc``; elsewhere, or without permission, the answers are simply less precise.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

MAX_COMMAND = 120


def describe_process(pid: int | str) -> str:
    """``process 4893 (python -m streamlit run ...)``, or ``process 4893`` when its command is not visible."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        command = " ".join(" ".join(part.decode(errors="replace").split()) for part in raw.split(b"\0") if part)
    except OSError:
        command = ""
    if len(command) > MAX_COMMAND:
        command = command[:MAX_COMMAND - 3] + "..."
    return f"process {pid} ({command})" if command else f"process {pid}"


def port_free(host: str, port: int) -> bool:
    """Can a server bind ``host:port`` now?"""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def port_holder(port: int) -> str | None:
    """The process listening on ``port``, described, when ``/proc`` shows it (sockets of other users'
    processes may not be visible)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(f"socket:[{inode}]")
    if not inodes:
        return None
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(str(link.readlink()) in inodes for link in fd_dir.iterdir()):
                return describe_process(fd_dir.parent.name)
        except OSError:
            continue
    return None


def process_running(pid: int) -> bool:
    """Is there a process ``pid`` (of any user)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


@contextlib.contextmanager
def temporary_folder(purpose: str) -> Iterator[Path]:
    """A folder in ``$TMPDIR`` named ``workbench-PURPOSE-PID-...``, removed on the way out. A process killed
    meanwhile cannot remove its own, so folders of this purpose whose process is gone go first."""
    prefix = f"workbench-{purpose}-"
    for left in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        owner = left.name[len(prefix):].split("-", 1)[0]
        if owner.isdigit() and not process_running(int(owner)):
            shutil.rmtree(left, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-") as folder:
        yield Path(folder)
