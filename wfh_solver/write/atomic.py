"""Write-then-rename, so a crash never leaves a half-written roster behind."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from wfh_solver.write.failure import naming
from wfh_solver.write.outputs import _create_temp, _fsync


@contextlib.contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yield a temp path in `path`'s directory; on success move it onto `path`.

    If the body raises (a signal included), the temp file is removed and an existing
    `path` is left exactly as it was; a replaced file keeps its permissions. The temp
    name is short whatever `path` is (long unit names) and keeps its suffix, so
    libraries that look at the extension behave the same.
    """
    target = Path(path)
    with naming(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = _create_temp(target)
    try:
        with naming(target):
            yield tmp
            _fsync(tmp)
            if target.exists():
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
            os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
