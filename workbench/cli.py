"""The ``workbench`` command: one small function per command over the library.

Every command resolves its database the same way (``--db``, ``$WORKBENCH_DB``, ``./claims.duckdb``).
Errors the user can act on are printed as one line on standard error, without a traceback.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Self

import click

from workbench import __version__
from workbench.errors import ACCOUNT, DAMAGED, DATABASE, ENCODING, PROFILE, TEXT_FIELD, WorkbenchError
from workbench.settings import IMPORT_BATCH_DOCS, QUERY_MAX_ROWS, QUERY_TIMEOUT_S, TOKEN_ENV, resolve_db

EXIT_PARTIAL = 1  # import: some inputs failed, the rest were imported
EXIT_ERROR = 2  # nothing done: bad input, refused statement, locked database
EXIT_NOT_SET = 1  # config get: the key has no value
#: Addresses that keep the UI on this machine: any other --host needs accounts.
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def db_option(command):
    """``--db PATH``, shared by every command that opens the database."""
    return click.option("--db", "db", metavar="PATH|quack:HOST:PORT", default=None,
                        help="Database file, or a server's address (token in $WORKBENCH_TOKEN) "
                             "(default: $WORKBENCH_DB or ./claims.duckdb).")(command)


def open_store(db: str | None):
    from workbench.store.remote import open_store as open_target

    return open_target(resolve_db(db))


#: How to get past an error on the command line (see :mod:`workbench.errors`).
HINTS = {
    TEXT_FIELD: "choose the field that holds the text with --text-field",
    ENCODING: "if you know its encoding, pass it, e.g. --encoding latin-1",
    DATABASE: "import something first, or choose another database with --db",
    DAMAGED: "restore it from a backup, or choose another database with --db",
    PROFILE: "set each with workbench config set KEY VALUE (workbench config list shows every key)",
    ACCOUNT: "workbench users list shows the accounts; workbench users add NAME --role ROLE creates one",
}


def with_hint(message: str, remedy: str | None) -> str:
    return f"{message}; {HINTS[remedy]}" if remedy in HINTS else message


def friendly_errors(command):
    """Turn a :class:`WorkbenchError` into one line on standard error and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except WorkbenchError as error:
            click.echo(f"error: {with_hint(str(error), error.remedy)}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def default_format(tty_format: str, pipe_format: str) -> str:
    return tty_format if sys.stdout.isatty() else pipe_format


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workbench")
def main():
    """Claim workbench: extract factual claims, match them to evidence, review them.

    Example:

    \b
        workbench demo && workbench ui
    """


# -- extraction ------------------------------------------------------------------------------------

def read_text_input(path: str | None) -> str:
    """UTF-8 text from a file or standard input ('-' or nothing); anything else is a clear error."""
    name = "<stdin>" if path in (None, "-") else path
    try:
        data = sys.stdin.buffer.read() if name == "<stdin>" else Path(path).read_bytes()
    except OSError as error:
        raise WorkbenchError(f"{name}: cannot read ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkbenchError(f"{name}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                             "convert it first, e.g. iconv -f latin1 -t utf-8") from None


@main.command()
@click.argument("file", required=False)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl (default when piped) or table (default on a terminal).")
@click.option("--published", metavar="DATE", default=None, help="The text's publication date (ISO), to anchor relative times.")
@friendly_errors
def extract(file, fmt, published):
    """Print the claims in a text (a FILE, or standard input). No database.

    Example:

    \b
        workbench extract article.txt --format jsonl
    """
    from workbench.nlp.extract import iter_claims
    from workbench.output import dumps, write_rows

    text = read_text_input(file)
    fmt = fmt or default_format("table", "jsonl")
    claims = iter_claims(text, published)
    if fmt == "jsonl":
        for claim in claims:
            click.echo(dumps(claim.to_json()))
        return
    columns = ["kind", "figure", "value", "unit", "qualifier", "subject", "time", "attribution", "hedged", "score"]
    rows = [(c.kind, c.quantity.text if c.quantity else "", c.quantity.value if c.quantity else None,
             c.quantity.unit if c.quantity else None, c.quantity.qualifier if c.quantity else None, c.subject,
             c.time, c.attribution, c.hedged, round(c.checkworthiness, 2)) for c in claims]
    write_rows(columns, rows, "table")


@main.command()
@click.option("--input", "input_path", default="-", metavar="FILE|-", show_default=True,
              help="JSONL with 'text' (and optional 'id'), or plain text with one sentence per line.")
@friendly_errors
def score(input_path):
    """Check-worthiness (0..1) of sentences; 0.5 and above is check-worthy.

    Example:

    \b
        echo "Unemployment fell to 3.5% last year." | workbench score
    """
    from workbench.ingest.readers import read_sentences
    from workbench.nlp.scoring import score_sentences
    from workbench.output import dumps

    items = read_sentences(read_text_input(input_path), "<stdin>" if input_path == "-" else input_path)
    for item, value in zip(items, score_sentences([item["text"] for item in items])):
        click.echo(dumps({"id": item["id"], "text": item["text"], "checkworthiness": round(value, 4)}))


@main.command("train-checkworthiness")
@click.option("--data", metavar="CSV", type=click.Path(exists=True, dir_okay=False), default="data/claimbuster/train.csv",
              show_default=True, help="Labelled sentences: CSV with 'text' and 'label' (1 = check-worthy).")
@click.option("--out", metavar="DIR", type=click.Path(file_okay=False), default="checkworthiness-model", show_default=True,
              help="Folder to write the model to; load it with nlp.add_pipe('checkworthiness', "
                   "config={'model': FOLDER}).")
@click.option("--replace-shipped", is_flag=True,
              help="Write over the model the package ships and loads instead (for maintainers).")
@click.option("--epochs", metavar="N", type=int, default=12, show_default=True)
@click.option("--seed", metavar="N", type=int, default=13, show_default=True)
@friendly_errors
def train_checkworthiness(data, out, replace_shipped, epochs, seed):
    """Train the check-worthiness classifier and report held-out precision, recall and F1.

    The shipped model is only replaced when asked to: a run on other data writes to --out.

    Example:

    \b
        workbench train-checkworthiness --data data/claimbuster/train.csv --out my-model
    """
    from workbench.nlp.checkworthiness import DEFAULT_MODEL
    from workbench.nlp.training import train

    report = train(Path(data), Path(str(DEFAULT_MODEL)) if replace_shipped else Path(out), epochs=epochs, seed=seed,
                   log=lambda line: click.echo(line, err=True))
    s = report.heldout
    click.echo(f"held-out ({report.heldout_sentences} sentences, {s.support} check-worthy): "
               f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  accuracy {s.accuracy:.3f}")
    click.echo(f"model written to {report.model_dir}")


# -- the database ------------------------------------------------------------------------------------

@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--as", "kind", type=click.Choice(["article", "source"]), default="article", show_default=True,
              help="article: claims extracted for review; source: passages indexed as evidence.")
@click.option("--text-field", metavar="NAME", default="text", show_default=True, help="JSON key / CSV column of the text.")
@click.option("--title-field", metavar="NAME", default="title", show_default=True)
@click.option("--url-field", metavar="NAME", default="url", show_default=True)
@click.option("--date-field", metavar="NAME", default="published", show_default=True, help="Publication date field.")
@click.option("--encoding", metavar="NAME", default=None, help="Read files in this encoding instead of UTF-8 (e.g. latin-1).")
@click.option("--batch-size", metavar="N", type=click.IntRange(1), default=IMPORT_BATCH_DOCS, show_default=True,
              help="Documents written per transaction; the database is free between batches.")
@click.option("--no-match", is_flag=True, help="Do not match claims to evidence after importing.")
@click.option("--workers", metavar="N", type=click.IntRange(1), default=None, show_default="the number of cores; 2 on Ray",
              help="Processes that analyse documents (each loads spaCy; used from 50 documents per process), or "
                   "Ray actors with --engine ray.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: analyse on a Ray cluster, stage batch files, bulk-load them (a stopped run resumes).")
@click.option("--address", metavar="ADDR", default=None,
              help="With --engine ray: the cluster to join (auto: the one this machine is a node of, or "
                   "HEAD:6379); default: a local one for the run.")
@click.option("--staging", metavar="DIR", type=click.Path(file_okay=False), default=None,
              help="With --engine ray: the batch files' folder, shared by the cluster (default: beside the database).")
@db_option
@friendly_errors
def import_(paths, kind, text_field, title_field, url_field, date_field, encoding, batch_size, no_match, workers,
            engine, address, staging, db):
    """Import files, folders (recursively) or globs: .txt .md .html .json .jsonl .csv.

    Each document is imported whole or not at all; re-importing the same text is skipped.
    Exit status 0 when every input imported, 1 when some failed (each is named below).

    Example:

    \b
        workbench import articles/ --as article
        workbench import 'sources/**/*.jsonl' --as source --text-field body
        workbench import archive/ --engine ray --workers 2
    """
    from workbench.ingest.importer import import_paths
    from workbench.ingest.readers import Fields

    if engine != "ray" and (address or staging):
        raise WorkbenchError("--address and --staging are for a Ray import; add --engine ray")
    store = open_store(db)
    fields = Fields(text=text_field, title=title_field, url=url_field, published=date_field)
    with progress_bar("importing (characters)") as bar:
        options = {"kind": kind, "fields": fields, "encoding": encoding, "on_total": bar.total,
                   "progress": bar.advance, "batch_docs": batch_size, "match": not no_match,
                   "on_found": lambda count: bar.describe(f"finding files: {count:,}")}
        if engine == "ray":
            from workbench.ingest.distributed import import_paths_on_ray

            report = import_paths_on_ray(store, list(paths), address=address, workers=workers or 2,
                                         staging=Path(staging) if staging else None, **options)
        else:
            report = import_paths(store, list(paths), workers=workers or os.cpu_count() or 1, **options)
    for problem in report.problems:
        click.echo(f"error: {with_hint(str(problem), problem.remedy)}", err=True)
    click.echo(report.summary(), err=True)
    if report.matching:
        click.echo(report.matching, err=True)
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


class progress_bar:
    """A rich progress bar on a terminal; silent when standard error is not one. ``total``, ``advance`` and
    ``describe`` (its label, e.g. how many files were found so far) are the callbacks the library takes."""

    def __init__(self, label: str):
        self.label = label
        self.progress = None
        self.task = None

    def __enter__(self) -> Self:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=None)
        return self

    def total(self, total: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=total, description=self.label)

    def advance(self, n: int) -> None:
        if self.progress is not None:
            self.progress.advance(self.task, n)

    def describe(self, text: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=text)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()
        return False


@main.command()
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=None,
              help="table (default on a terminal), csv or json (default when piped).")
@click.option("--timeout", metavar="SECONDS", type=click.FloatRange(min=0), default=QUERY_TIMEOUT_S, show_default=True,
              help="Seconds before the statement is stopped (0: no limit).")
@click.option("--max-rows", metavar="N", type=click.IntRange(min=1), default=QUERY_MAX_ROWS, show_default=True,
              help="Rows printed at most.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write every row to this .csv, .jsonl, .json or .parquet file instead (no row cap).")
@db_option
@friendly_errors
def query(sql, fmt, timeout, max_rows, output, db):
    """Run one read-only SQL statement (one that would write is refused), stopped after 30 s, at most 100,000
    rows printed; -o streams every row to a .csv, .jsonl, .json or .parquet file.

    The documented views are documents_v, claims_v, matches_v, reviews_v, assignments_v and review_rounds_v.

    Example:

    \b
        workbench query "SELECT kind, count(*) FROM claims_v GROUP BY kind" --format csv
        workbench query "SELECT * FROM matches_v" -o matches.parquet
    """
    from workbench.output import write_rows
    from workbench.store.query import copy_query, run_query

    if output is not None:
        rows = copy_query(open_store(db), sql, output, timeout=timeout or None)
        click.echo(f"wrote {rows} rows to {output}", err=True)
        return
    result = run_query(open_store(db), sql, max_rows=max_rows, timeout=timeout or None)
    write_rows(result.columns, result.rows, fmt or default_format("table", "json"))
    if result.truncated:
        click.echo(f"the first {max_rows} rows; more matched (raise --max-rows, or write them all with -o FILE)",
                   err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["claimreview", "csv", "jsonl", "parquet"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (default: stdout).")
@db_option
@friendly_errors
def export(fmt, output, db):
    """Export every claim (claims_v) with its review state, or the verdicts as ClaimReview JSON-LD.

    Example:

    \b
        workbench export --format parquet -o claims.parquet
        workbench export --format claimreview -o claimreview.json
    """
    from workbench.export.tables import render

    if fmt == "parquet" and output is None:
        raise WorkbenchError("parquet is a binary format: name a file with -o FILE.parquet")
    export = render(open_store(db), fmt)
    if output is None:
        click.echo(export.data.decode("utf-8"), nl=False)
        return
    Path(output).write_bytes(export.data)
    click.echo(f"wrote {export.items} {export.noun} to {output}", err=True)


verdict_option = click.option("--verdict", required=True, metavar="VERDICT",
                              help="supported, refuted, misleading, unverifiable or not_a_claim.")
note_option = click.option("--note", metavar="TEXT", default=None, help="Why: published as the ClaimReview's reviewBody.")


@main.command()
@click.argument("claim_id", type=int)
@verdict_option
@click.option("--reviewer", metavar="NAME", required=True, help="Your name, stored with the verdict.")
@click.option("--evidence", "passages", type=int, multiple=True, metavar="PASSAGE_ID",
              help="A source passage the verdict rests on: a candidate's passage_id from workbench match; repeat for more.")
@note_option
@click.option("--wording", metavar="TEXT", default=None,
              help="The claim as the fact-check words it (claimReviewed); an empty one goes back to the default.")
@db_option
@friendly_errors
def review(claim_id, verdict, reviewer, passages, note, wording, db):
    """Give a claim a verdict, as the Review page does: a new row, earlier verdicts kept.

    Example:

    \b
        workbench review 13 --verdict refuted --reviewer Ana --evidence 8 \\
          --note "TASS reported at least 45" --wording "Four Chinese troops died at Galwan"
    """
    from workbench.review import VERDICT_LABELS, Evidence, correct, save_verdict

    store = open_store(db)
    review_id = save_verdict(store, claim_id, reviewer, verdict, note, Evidence(tuple(passages)))
    reworded = wording is not None and correct(store, claim_id, reviewer, {"wording": wording})
    click.echo(f"claim {claim_id}: {VERDICT_LABELS[verdict]} (review {review_id}, {len(passages)} evidence passage"
               f"{'' if len(passages) == 1 else 's'}"
               f"{', wording saved' if reworded else ''})", err=True)


@main.group()
def config():
    """The publisher profile ClaimReview is published under, kept in the database.

    Keys: org.name, org.url, org.logo, factcheck_url (with {claim_id}), language (default en),
    author (organisation, the default, or reviewer to name the reviewer too) and open_pool (yes, the
    default: reviewers may take claims nobody is assigned; no: only their own).

    Example:

    \b
        workbench config set org.name "Example Fact Check"
        workbench config set factcheck_url "https://example.org/fact-checks/{claim_id}"
        workbench config list
    """


@config.command("set")
@click.argument("key")
@click.argument("value")
@db_option
@friendly_errors
def config_set(key, value, db):
    """Set KEY to VALUE, checked first; an empty VALUE unsets KEY.

    Example:

        workbench config set author reviewer
    """
    from workbench.export.profile import set_profile

    stored = set_profile(open_store(db), {key: value})[key]
    click.echo(f"{key} = {stored}" if stored is not None else f"{key} unset", err=True)


@config.command("get")
@click.argument("key")
@db_option
@friendly_errors
def config_get(key, db):
    """Print KEY's value (set, or its default); exit status 1 when it has none.

    Example:

        workbench config get factcheck_url
    """
    from workbench.export.profile import known, read_profile

    value = read_profile(open_store(db)).get(known(key).key)
    if value is None:
        click.echo(f"{key} is not set", err=True)
        sys.exit(EXIT_NOT_SET)
    click.echo(value)


@config.command("list")
@db_option
@friendly_errors
def config_list(db):
    """Every key with its value (set, or its default) and what it is.

    Example:

        workbench config list --db claims.duckdb
    """
    from workbench.export.profile import SETTINGS, read_profile
    from workbench.output import write_rows

    profile = read_profile(open_store(db))
    write_rows(["key", "value", "what"], [(key, profile.get(key), setting.about) for key, setting in SETTINGS.items()],
               "table", max_width=100)


@main.command()
@click.option("--top", metavar="N", type=click.IntRange(1, 50), default=5, show_default=True, help="Candidates per claim.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl (default when piped) or table (default on a terminal).")
@click.option("--all", "all_claims", is_flag=True, help="Recompute every claim, not only what changed.")
@click.option("--input", "input_path", default=None, metavar="FILE|-",
              help="Match ad-hoc claims without storing anything: JSONL with 'text' and optional 'id', "
                   "'published' (the article's date) and 'figure' (which figure is the claim), or '-'.")
@db_option
@friendly_errors
def match(top, fmt, all_claims, input_path, db):
    """Find evidence passages for every claim, store them, and print them; with --input, for claims from
    elsewhere, storing nothing.

    Only claims or sources that changed since the last run are recomputed, unless --all.
    With --input, claims from elsewhere are matched against the source library instead.

    Example:

    \b
        workbench match --top 3 --format jsonl
        workbench match --input claims.jsonl > candidates.jsonl
    """
    from workbench.match.engine import match_stored, stored_matches
    from workbench.output import dumps

    store = open_store(db)
    fmt = fmt or default_format("table", "jsonl")
    if input_path is not None:
        from workbench.match.adhoc import match_lines

        for result in match_lines(store, read_text_input(input_path), top,
                                  "<stdin>" if input_path == "-" else input_path):
            click.echo(dumps(result))
        return
    remind_to_reanalyse(store)
    with progress_bar("matching") as bar:
        report = match_stored(store, all_claims=all_claims, top=top, on_total=bar.total, progress=bar.advance)
    results = stored_matches(store)
    if fmt == "jsonl":
        for result in results:
            result["candidates"] = result["candidates"][:top]
            click.echo(dumps(result))
    else:
        rows = [(r["claim_id"], (r["quantity"] or {}).get("text", ""), c["score"], c["relation"], c["source"],
                 c["text"]) for r in results for c in r["candidates"][:top]]
        from workbench.output import write_rows

        write_rows(["claim", "figure", "score", "relation", "source", "passage"], rows, "table")
    click.echo(report.summary(), err=True)


@main.command()
@db_option
@friendly_errors
def reindex(db):
    """Rebuild the search indexes of source passages (words, figures, vectors) from the database.

    The indexes are derived data beside the database (claims.duckdb.index/); this rebuilds them whole,
    after embedding any passage that has no sentence vector yet (a database from before vectors).

    Example:

    \b
        workbench reindex --db claims.duckdb
    """
    from workbench.match.embed import fill_vectors
    from workbench.match.index import PassageIndex

    store = open_store(db)
    embedded = fill_vectors(store)
    report = PassageIndex.for_store(store).sync(store, rebuild=True)
    click.echo(f"indexed {report.added} passages ({report.vectors_added} vectors, {embedded} newly embedded) "
               f"in {report.seconds:.1f} s", err=True)


@main.command()
@db_option
@friendly_errors
def reanalyse(db):
    """Read documents stored by an older version again, so their figures have frames, and match again.

    Figures stored before frames existed say nothing about what they measure, whose they are or when,
    so matching labels them related at best. Ids, reviews, corrections and evidence are kept.

    Example:

    \b
        workbench reanalyse --db claims.duckdb
    """
    from workbench.ingest.reanalyse import reanalyse as read_again

    with progress_bar("reading again") as bar:
        report = read_again(open_store(db), on_total=bar.total, progress=bar.advance)
    click.echo(report.summary() if report.documents else "nothing to read again: every document has frames",
               err=True)


def remind_to_reanalyse(store) -> None:
    """One line on standard error when the database holds documents read before frames."""
    from workbench.ingest.reanalyse import pending

    count = pending(store)
    if count:
        click.echo(f"note: {count} documents were read by an older version and their figures have no frames "
                   f"(what they measure, whose, when), so matching cannot rely on them; run `workbench reanalyse`",
                   err=True)


@main.command()
@click.option("--if-empty", is_flag=True, help="Only when the database has no documents yet (used by make run).")
@db_option
@friendly_errors
def demo(if_empty, db):
    """Load the demo article and the demo sources.

    Example:

    \b
        workbench demo --db demo.duckdb
    """
    from workbench.demo import load_demo
    from workbench.store.documents import count_documents

    store = open_store(db)
    if if_empty and store.exists():
        store.verify()  # a damaged file is said to be damaged, not to "have documents"
    if if_empty and count_documents(store):
        click.echo(f"{store} already has documents; demo not loaded", err=True)
        return
    sources, articles = load_demo(store)
    click.echo(f"demo sources: {sources.summary()}", err=True)
    click.echo(f"demo article: {articles.summary()}", err=True)


# -- the team ---------------------------------------------------------------------------------------

def read_password(from_stdin: bool) -> str:
    """A new password: the first line of standard input, or typed twice at a prompt that does not echo it."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


password_stdin_option = click.option("--password-stdin", is_flag=True,
                                     help="Read the password from the first line of standard input, not a prompt.")
by_option = click.option("--by", "by", metavar="NAME", required=True,
                         help="Who does it: you (an editor or admin account).")


@main.group()
def users():
    """Accounts of the review UI: once one exists, everyone logs in, and each page checks the role.

    Roles: reviewer (gives verdicts), editor (also imports, assigns, exports, queries), admin (also
    manages accounts and the publisher profile). Passwords are stored only as argon2 hashes.

    Example:

    \b
        workbench users add ana --role reviewer
        workbench users list
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reviewer", "editor", "admin"]), required=True)
@password_stdin_option
@db_option
@friendly_errors
def users_add(name, role, password_stdin, db):
    """Create the account NAME with ROLE; the password is asked for (or read with --password-stdin).

    Example:

    \b
        echo 'a long passphrase' | workbench users add ana --role reviewer --password-stdin
    """
    from workbench.team import add_user

    account = add_user(open_store(db), name, role, read_password(password_stdin))
    click.echo(f"account {account.name} added ({account.role})", err=True)


@users.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=None,
              help="table (default on a terminal), csv or json (default when piped).")
@db_option
@friendly_errors
def users_list(fmt, db):
    """Every account: name, role, whether it may log in, when it was created and last changed.

    Example:

    \b
        workbench users list --format csv
    """
    from workbench.output import write_rows
    from workbench.team import users as accounts

    write_rows(["name", "role", "enabled", "created_at", "updated_at"],
               [(a.name, a.role, a.enabled, a.created_at, a.updated_at) for a in accounts(open_store(db))],
               fmt or default_format("table", "json"))


@users.command("disable")
@click.argument("name")
@db_option
@friendly_errors
def users_disable(name, db):
    """NAME can no longer log in; the verdicts it gave stay attributed to it.

    Example:

    \b
        workbench users disable ana
    """
    from workbench.team import disable_user

    disable_user(open_store(db), name)
    click.echo(f"account {name} disabled", err=True)


@users.command("passwd")
@click.argument("name")
@password_stdin_option
@db_option
@friendly_errors
def users_passwd(name, password_stdin, db):
    """Set NAME's password (asked for, or read with --password-stdin).

    Example:

    \b
        workbench users passwd ana
    """
    from workbench.team import set_password

    set_password(open_store(db), name, read_password(password_stdin))
    click.echo(f"password of {name} changed", err=True)


@main.command()
@click.option("--document", "document_id", type=int, metavar="ID", default=None, help="Every claim of this article.")
@click.option("--filter", "where", metavar="SQL", default=None,
              help="The claims a SQL condition on the claims view selects (read-only, over the documented views).")
@click.option("--to", "to", metavar="NAME", required=True, help="The reviewer (an account, when there are any).")
@by_option
@db_option
@friendly_errors
def assign(document_id, where, to, by, db):
    """Assign claims to a reviewer, replacing earlier assignments: their queue shows them first.

    Claims that already have a verdict are left as they are (send one back with workbench send-back).

    Example:

    \b
        workbench assign --document 2 --to ana --by eve
        workbench assign --filter "kind = 'money' AND checkworthiness > 0.8" --to ben --by eve
    """
    from workbench.team import assign as assign_claims

    done = assign_claims(open_store(db), by, to, document_id=document_id, where=where)
    click.echo(f"{done.assigned} claim{'' if done.assigned == 1 else 's'} assigned to {to}"
               + (f"; {done.reviewed} already reviewed, left as they are" if done.reviewed else ""), err=True)


@main.command("send-back")
@click.argument("claim_id", type=int)
@click.option("--note", metavar="TEXT", required=True, help="What to correct: shown to the reviewer with the claim.")
@by_option
@click.option("--to", "to", metavar="NAME", default=None, help="The reviewer (default: whoever gave its verdict).")
@db_option
@friendly_errors
def send_back(claim_id, note, by, to, db):
    """Send a decided claim back for correction: it is in the reviewer's queue again, with the note.

    Example:

    \b
        workbench send-back 13 --note "the TASS figure is 45, not 40" --by eve
    """
    from workbench.team import send_back as send

    click.echo(f"claim {claim_id} sent back to {send(open_store(db), claim_id, by, note, to)}", err=True)


@main.command("second-review")
@click.argument("claim_ids", type=int, nargs=-1, required=True)
@by_option
@db_option
@friendly_errors
def second_review(claim_ids, by, db):
    """Send claims to a second reviewer, who decides without seeing the first verdict.

    Besides these, the profile's second_review share of decided claims goes too
    (workbench config set second_review 20).

    Example:

    \b
        workbench second-review 13 14 --by eve
    """
    from workbench.team import flag_second_review

    count = flag_second_review(open_store(db), list(claim_ids), by)
    click.echo(f"{count} claim{'' if count == 1 else 's'} sent to a second review", err=True)


@main.command()
@click.argument("claim_ids", type=int, nargs=-1, required=True)
@by_option
@db_option
@friendly_errors
def signoff(claim_ids, by, db):
    """Sign off the verdicts of claims: with accounts, ClaimReview exports only signed-off verdicts.

    Example:

    \b
        workbench signoff 13 14 --by eve
    """
    from workbench.team import sign_off

    count = sign_off(open_store(db), list(claim_ids), by)
    click.echo(f"{count} verdict{'' if count == 1 else 's'} signed off by {by}", err=True)


@main.command()
@click.argument("claim_id", type=int)
@verdict_option
@note_option
@by_option
@db_option
@friendly_errors
def adjudicate(claim_id, verdict, note, by, db):
    """Give the final verdict on a claim reviewers disagree on: recorded in your name and signed off.

    Example:

    \b
        workbench adjudicate 13 --verdict refuted --note "TASS reported 45" --by eve
    """
    from workbench.review import VERDICT_LABELS
    from workbench.team import adjudicate as decide

    review_id = decide(open_store(db), claim_id, by, verdict, note)
    click.echo(f"claim {claim_id}: {VERDICT_LABELS[verdict]}, adjudicated by {by} (review {review_id})", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table (default on a terminal) or json (default when piped).")
@db_option
@friendly_errors
def agreement(fmt, db):
    """How far reviewers agree: Cohen's kappa per pair, Krippendorff's alpha over every claim decided twice,
    per verdict and per relation of the claim's best evidence.

    Example:

    \b
        workbench agreement --format json
    """
    from workbench.agreement import agreement as measure
    from workbench.output import dumps, write_rows

    found = measure(open_store(db))
    if (fmt or default_format("table", "json")) == "json":
        click.echo(dumps(found.to_json()))
        return
    write_rows(["first", "second", "claims", "agreed", "kappa"],
               [(p.first, p.second, p.claims, p.agreed, "—" if p.kappa is None else f"{p.kappa:.3f}")
                for p in found.pairs], "table")
    click.echo(f"Krippendorff's alpha {_alpha_text(found.alpha)} over {found.claims} "
               f"claims decided by two reviewers or more ({found.reviewers} reviewers)")
    if found.per_verdict:
        click.echo("per verdict (this verdict or another): " + ", ".join(
            f"{verdict} {_alpha_text(alpha)}" for verdict, alpha in found.per_verdict.items()))
    if found.per_relation:
        click.echo("per relation of the best evidence: " + ", ".join(
            f"{relation} {_alpha_text(alpha)} ({claims} claims)" for relation, (claims, alpha) in found.per_relation.items()))


def _alpha_text(alpha: float | None) -> str:
    return "—" if alpha is None else f"{alpha:.3f}"


@main.command()
@click.option("--port", metavar="N", type=int, default=8501, show_default=True)
@click.option("--host", metavar="ADDR", default="127.0.0.1", show_default=True,
              help="Address to bind. The default keeps the UI on this machine.")
@db_option
@friendly_errors
def ui(port, host, db):
    """Start the review UI (Streamlit) on http://127.0.0.1:8501, on this machine only unless --host says
    otherwise.

    Another --host (the desk's network) needs accounts first (workbench users add): everyone then logs in.

    Example:

    \b
        workbench ui --db claims.duckdb --port 8502
    """
    from importlib import resources

    from workbench.store.remote import is_remote
    from workbench.system import port_free, port_holder
    from workbench.team import accounts_required

    store = open_store(db)
    if host not in LOOPBACK and not accounts_required(store):
        raise WorkbenchError(f"--host {host} would let anyone on the network give verdicts in {store.path}, which has "
                             "no account; add one first: workbench users add NAME --role admin")
    if not port_free(host, port):
        holder = port_holder(port)
        raise WorkbenchError(f"port {port} on {host} is taken{f' by {holder}' if holder else ''}; "
                             f"choose another with --port, e.g. --port {port + 1}")
    app = resources.files("workbench.ui") / "app.py"
    target = resolve_db(db)
    os.environ["WORKBENCH_DB"] = target if is_remote(target) else str(Path(target).resolve())
    args = [sys.executable, "-m", "streamlit", "run", str(app),
            "--server.address", host, "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--client.toolbarMode", "minimal"]
    click.echo(f"review UI on http://{host}:{port} (database {os.environ['WORKBENCH_DB']})", err=True)
    os.execv(sys.executable, args)


@main.command()
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="Database file to serve (default: $WORKBENCH_DB or ./claims.duckdb).")
@click.option("--host", metavar="ADDR", default="127.0.0.1", show_default=True,
              help="Address to bind. The default serves this machine only.")
@click.option("--port", metavar="N", type=click.IntRange(1, 65535), default=9494, show_default=True)
@friendly_errors
def serve(db, host, port):
    """Serve a database file to a desk: commands and UIs use it at once with --db quack:HOST:PORT.

    No command waits on the file's lock while it is served. The server and its clients share the token in
    $WORKBENCH_TOKEN (never an option: others could read it in the process list). Runs until stopped
    (Ctrl-C). Plain HTTP: across machines, keep it on a private network or behind a TLS proxy.

    Example:

    \b
        export WORKBENCH_TOKEN=$(openssl rand -hex 24)
        workbench serve --db claims.duckdb --port 9494 &
        workbench query "SELECT count(*) FROM claims_v" --db quack:127.0.0.1:9494
    """
    import signal
    import threading

    from workbench.store.remote import Server

    if resolve_db(db).startswith("quack:"):
        raise WorkbenchError(f"{db}: serve a database file, not a server's address; name the file with --db")
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    with Server(resolve_db(db), host=host, port=port) as server:
        click.echo(f"serving {server.store.path} at {server.address} (token from ${TOKEN_ENV}); Ctrl-C stops",
                   err=True)
        stop.wait()
    click.echo("stopped", err=True)


if __name__ == "__main__":
    main()
