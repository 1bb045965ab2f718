"""Reading files into records: one :class:`Record` per document, one :class:`Problem` per bad input.

Formats by extension: ``.txt``/``.md`` (the whole file), ``.html``/``.htm`` (visible text; scripts,
styles and navigation dropped; title, canonical URL and publication date from the head),
``.jsonl`` (an object per line), ``.json`` (an object or an array of objects) and ``.csv`` (a
record per row). A malformed JSONL line or CSV row is a problem of its own (``file:line``); the
file's other records still count. Empty, binary and undecodable files are problems, not records.
"""
from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import glob
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from workbench.errors import ENCODING, TEXT_FIELD, WorkbenchError

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv"}
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Record:
    """One document to import, before analysis."""

    text: str
    origin: str  # "file" or "file:line"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date


@dataclass(frozen=True)
class Problem:
    """A bad input: where it is and why it was not imported."""

    origin: str
    reason: str
    remedy: str | None = None  # what would fix it (:mod:`workbench.errors`), for the face to put in its words

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class Fields:
    """Which JSON keys / CSV columns hold the text and metadata."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"


@dataclass
class ReadResult:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class InputProblem(WorkbenchError):
    """Raised inside readers for a whole-file problem; becomes a :class:`Problem`."""


# -- finding files -----------------------------------------------------------------------------

def expand_paths(paths: list[str], found: Callable[[int], None] | None = None) -> tuple[list[Path], list[Problem]]:
    """Files named by ``paths``: files as given, directories recursed, glob patterns expanded.

    Inside directories, files of unsupported types and hidden files are passed over; a file named
    explicitly with an unsupported type, or a path that matches nothing, is a problem. ``found`` is told how
    many files have been found so far, as a walk goes (a large tree takes a while).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(path)
            if found:
                found(len(files))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, names in walk_once(path):
                for name in names:
                    candidate = folder / name
                    if not name.startswith(".") and candidate.suffix.lower() in SUPPORTED:
                        add(candidate)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                add(path)
            else:
                problems.append(Problem(str(path), f"unsupported file type '{path.suffix or '(none)'}' "
                                                   f"(supported: {', '.join(sorted(SUPPORTED))})"))
        elif glob.has_magic(raw):
            matched = glob_once(raw)
            if not matched:
                problems.append(Problem(raw, "no files match this pattern"))
            for match in matched:
                sub_files, sub_problems = expand_paths([match])
                for sub in sub_files:
                    add(sub)
                problems.extend(sub_problems)
        else:
            problems.append(Problem(raw, "no such file or directory"))
    return files, problems


def walk_once(top: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each folder under ``top`` with its file names, sorted, hidden folders left out; folders behind
    symbolic links are followed, but each real folder is read once, so a link loop ends where it closes."""
    seen: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        try:
            status = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield Path(root), sorted(names)


def glob_once(pattern: str) -> list[str]:
    """The paths a glob pattern matches (``**`` for any depth of folders, hidden names only when the
    pattern spells their dot), walking each real folder once: ``glob.glob`` follows a link loop forever."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))
    base, wanted = Path(*parts[:fixed]) if fixed else Path("."), parts[fixed:]
    if not base.is_dir():
        return []
    matched = []
    for folder, names in walk_once(base):
        relative = folder.relative_to(base).parts
        for name in names + sorted(entry.name for entry in _subfolders(folder)):
            if _glob_matches((*relative, name), wanted):
                matched.append(str(folder / name))
    return sorted(set(matched))


def _subfolders(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if entry.is_dir()]
    except OSError:
        return []


def _glob_matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Does a relative path match a pattern, part by part (``**`` standing for any number of folders)?"""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_glob_matches(parts[skip:], pattern[1:]) for skip in range(len(parts) + 1))
    if not parts or parts[0].startswith(".") and not pattern[0].startswith("."):
        return False
    return fnmatch.fnmatchcase(parts[0], pattern[0]) and _glob_matches(parts[1:], pattern[1:])


# -- decoding ----------------------------------------------------------------------------------

def decode(data: bytes, encoding: str | None) -> str:
    """Bytes → text, refusing binary files and, unless an encoding is given, anything but UTF-8."""
    if not data.strip():
        raise InputProblem("empty file")
    if b"\0" in data[:BINARY_SNIFF_BYTES]:
        raise InputProblem("binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        if encoding:
            raise InputProblem(f"cannot decode as {encoding} at byte {error.start}") from None
        raise InputProblem(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})", ENCODING) from None
    except LookupError:
        raise InputProblem(f"unknown encoding '{encoding}'") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_date(value) -> str | None:
    """A publication date in any common form → ISO date; a value that is not a date is a problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1000 <= value <= 2100:
            return f"{int(value):04d}-01-01"
        raise InputProblem(f"published: {value!r} is not a date")
    try:
        parsed = date_parser.parse(str(value), default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        raise InputProblem(f"published: cannot read {str(value)[:40]!r} as a date") from None
    return parsed.date().isoformat()


# -- the readers -------------------------------------------------------------------------------

def _plain(text: str, path: Path) -> list[Record]:
    return [Record(text=text, origin=str(path), title=_title_from_name(path))]


def _title_from_name(path: Path) -> str:
    return path.stem


def _markdown(text: str, path: Path) -> list[Record]:
    title = None
    for line in text.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            break
    return [Record(text=text, origin=str(path), title=title or _title_from_name(path))]


def _html(text: str, path: Path) -> list[Record]:
    from workbench.ingest.html import HtmlTooDeep, html_to_document

    try:
        document = html_to_document(text)
    except HtmlTooDeep as error:
        raise InputProblem(str(error)) from None
    if not document.text.strip():
        raise InputProblem("HTML has no visible text")
    return [Record(text=document.text, origin=str(path), title=document.title or _title_from_name(path),
                   url=web_url(document.url), published=normalise_date(document.published))]


def web_url(value: str | None) -> str | None:
    """``value`` when it is an http or https address, else None: a page's ``javascript:`` or ``data:``
    link must never become a link in the review page or a published fact-check."""
    if not value:
        return None
    parsed = urlsplit(value.strip())
    return value.strip() if parsed.scheme.lower() in ("http", "https") and parsed.netloc else None


def _record_from_mapping(obj, origin: str, fields: Fields) -> Record:
    if not isinstance(obj, dict):
        raise InputProblem(f"expected a JSON object, found {type(obj).__name__}")
    text = obj.get(fields.text)
    if text is None:
        raise InputProblem(f"no '{fields.text}' field (fields here: {', '.join(map(str, list(obj)[:8]))})",
                           TEXT_FIELD)
    if not isinstance(text, str):
        raise InputProblem(f"'{fields.text}' is a {type(text).__name__}, not text")
    if not text.strip():
        raise InputProblem(f"'{fields.text}' is empty")

    def optional(name: str) -> str | None:
        value = obj.get(name)
        return None if value is None or value == "" else str(value)

    url = optional(fields.url)
    if url is not None and web_url(url) is None:
        raise InputProblem(f"'{fields.url}' is not an http or https address: {url[:60]!r}")
    return Record(
        text=text.replace("\r\n", "\n"),
        origin=origin,
        title=optional(fields.title),
        url=web_url(url),
        published=normalise_date(obj.get(fields.published)),
    )


def json_lines(text: str) -> Iterator[tuple[int, object, str | None]]:
    """``(line number, value, None)`` for each non-blank line of JSON Lines, or ``(line number, None,
    reason)`` for a line that is not JSON, so that a caller can report it and go on, or stop."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as error:
            yield number, None, f"invalid JSON ({error.msg} at column {error.colno})"


def _jsonl(text: str, path: Path, fields: Fields, result: ReadResult) -> None:
    for number, obj, invalid in json_lines(text):
        origin = f"{path}:{number}"
        try:
            if invalid:
                raise InputProblem(invalid)
            result.records.append(_record_from_mapping(obj, origin, fields))
        except InputProblem as problem:
            result.problems.append(Problem(origin, str(problem), problem.remedy))


def read_sentences(text: str, name: str = "<stdin>", extra: tuple[str, ...] = ()) -> list[dict]:
    """``{"id", "text"}`` per sentence, from JSONL (``text`` and optional ``id``, plus the ``extra`` string
    fields when present) or plain text, one sentence per line; the first bad line stops the reading.

    Plain lines get their line number as id; a JSONL line without an ``id`` gets its line number too. A
    ``published`` field must be an ISO date (YYYY-MM-DD).
    """
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return [{"id": number, "text": line.strip()} for number, line in enumerate(lines, start=1) if line.strip()]
    items = []
    for number, obj, invalid in json_lines(text):
        if invalid:
            raise WorkbenchError(f"{name}:{number}: {invalid}")
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise WorkbenchError(f"{name}:{number}: expected an object with a 'text' string")
        item = {"id": obj.get("id", number), "text": obj["text"]}
        for field_name in extra:
            value = obj.get(field_name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise WorkbenchError(f"{name}:{number}: '{field_name}' must be a string")
            if field_name == "published":
                try:
                    dt.date.fromisoformat(value[:10])
                except ValueError:
                    raise WorkbenchError(f"{name}:{number}: 'published' must be a date like 2024-06-30, "
                                         f"not {value!r}") from None
            item[field_name] = value
        items.append(item)
    return items


def _json(text: str, path: Path, fields: Fields, result: ReadResult) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputProblem(f"invalid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    items = data if isinstance(data, list) else [data]
    for index, obj in enumerate(items):
        origin = f"{path}[{index}]" if isinstance(data, list) else str(path)
        try:
            result.records.append(_record_from_mapping(obj, origin, fields))
        except InputProblem as problem:
            result.problems.append(Problem(origin, str(problem), problem.remedy))


def _csv(text: str, path: Path, fields: Fields, result: ReadResult) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise InputProblem(f"malformed CSV header ({error})") from None
    if not header or fields.text not in header:
        raise InputProblem(f"no '{fields.text}' column (columns: {', '.join(header or [])})", TEXT_FIELD)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.problems.append(Problem(f"{path}:{line}", f"malformed CSV row ({error})"))
            break  # the csv module cannot resynchronise after a broken quote
        origin = f"{path}:{line}"
        if None in row:
            result.problems.append(Problem(origin, f"row has {len(header) + len(row[None])} fields, "
                                                   f"header has {len(header)}"))
            continue
        try:
            result.records.append(_record_from_mapping(row, origin, fields))
        except InputProblem as problem:
            result.problems.append(Problem(origin, str(problem), problem.remedy))


def read_file(path: Path, fields: Fields = Fields(), encoding: str | None = None) -> ReadResult:
    """Every record in one file, and every problem with it."""
    result = ReadResult()
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        result.problems.append(Problem(str(path), f"cannot read ({error.strerror})"))
        return result
    try:
        text = decode(data, encoding)
        if suffix in (".jsonl", ".ndjson"):
            _jsonl(text, path, fields, result)
        elif suffix == ".json":
            _json(text, path, fields, result)
        elif suffix == ".csv":
            _csv(text, path, fields, result)
        elif suffix in (".html", ".htm"):
            result.records.extend(_html(text, path))
        elif suffix in (".md", ".markdown"):
            result.records.extend(_markdown(text, path))
        else:
            result.records.extend(_plain(text, path))
    except InputProblem as problem:
        result.problems.append(Problem(str(path), str(problem), problem.remedy))
    if not result.records and not result.problems:
        result.problems.append(Problem(str(path), "no records found"))
    return result


def read_paths(paths: list[str], fields: Fields = Fields(), encoding: str | None = None,
               found: Callable[[int], None] | None = None) -> Iterator[ReadResult]:
    """Read every file the paths name, one :class:`ReadResult` per file (problems of paths first)."""
    files, problems = expand_paths(paths, found)
    if problems:
        yield ReadResult(problems=problems)
    for path in files:
        yield read_file(path, fields, encoding)
