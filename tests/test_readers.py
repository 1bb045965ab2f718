"""Reading every supported format, and naming every bad input with its reason."""
from __future__ import annotations

import json
import signal

import pytest

from workbench.errors import ENCODING, TEXT_FIELD
from workbench.ingest.readers import Fields, expand_paths, read_file, read_paths

ARTICLE = "At least 20 soldiers were killed in 2020.\nTrade had run for over 30 years."


def test_txt_is_one_record_titled_by_file_name(write):
    result = read_file(write("galwan.txt", ARTICLE))
    assert [r.text for r in result.records] == [ARTICLE]
    assert result.records[0].title == "galwan"
    assert not result.problems


def test_markdown_takes_its_title_from_the_first_heading(write):
    result = read_file(write("note.md", "# Border trade\n\nTrade resumed after five years."))
    assert result.records[0].title == "Border trade"
    assert "five years" in result.records[0].text


def test_html_keeps_text_and_metadata_and_drops_script_style_nav(write):
    page = """<html><head><title>Head title</title>
      <meta property="og:title" content="Galwan clash">
      <link rel="canonical" href="https://example.org/galwan">
      <meta property="article:published_time" content="2020-06-17T08:00:00Z">
      <style>p { color: red }</style><script>var secret = "tracking";</script></head>
      <body><nav>Home | World | Sport</nav>
      <p>At least 20 soldiers were <b>killed</b>.</p><script>alert("x")</script>
      <p>Trade had run for over 30 years.</p><footer>Copyright</footer></body></html>"""
    record = read_file(write("page.html", page)).records[0]
    assert record.text.splitlines() == ["At least 20 soldiers were killed.", "Trade had run for over 30 years."]
    assert "alert" not in record.text and "tracking" not in record.text and "Home" not in record.text
    assert (record.title, record.url, record.published) == ("Galwan clash", "https://example.org/galwan",
                                                            "2020-06-17")


@pytest.mark.parametrize("wrap", [
    lambda i: (f"<div><p>Paragraph {i} says 12 people came.</p>", "</div>"),  # 300 nested blocks
    lambda i: (f"<font><b><span><p>Paragraph {i} says 12 people came.</p>", ""),  # never closed
])
def test_deep_html_keeps_every_paragraph(write, wrap):
    opened, closed = zip(*(wrap(i) for i in range(300)))
    page = "<html><body>" + "".join(opened) + "".join(closed) + "</body></html>"
    lines = read_file(write("deep.html", page)).records[0].text.splitlines()
    assert lines == [f"Paragraph {i} says 12 people came." for i in range(300)]


def test_html_deeper_than_the_parser_reads_is_refused_with_that_reason(write):
    page = "<html><body>" + "<div>" * 20_000 + "<p>Five people.</p>" + "</div>" * 20_000 + "</body></html>"
    result = read_file(write("abyss.html", page))
    assert not result.records
    assert result.problems[0].reason == "HTML nested deeper than 2,048 elements, which the HTML parser cannot " \
                                        "read whole"


def test_only_web_addresses_are_kept_as_urls(write):
    page = '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><p>Text.</p></body></html>'
    assert read_file(write("page.html", page)).records[0].url is None
    lines = [json.dumps({"text": "One.", "url": "javascript:alert(1)"}), json.dumps({"text": "Two.", "url": "HTTPS://x.org/a"})]
    result = read_file(write("links.jsonl", "\n".join(lines)))
    assert [r.url for r in result.records] == ["HTTPS://x.org/a"]
    assert str(result.problems[0]).endswith(":1: 'url' is not an http or https address: 'javascript:alert(1)'")


def test_jsonl_reads_each_line_and_reports_a_malformed_one_by_line(write):
    lines = [json.dumps({"text": "First text.", "title": "one", "published": "19 August 2025"}),
             "{not json",
             json.dumps({"text": "Third text.", "url": "https://example.org/3"}),
             json.dumps({"title": "no text here"}),
             json.dumps(["an", "array"])]
    path = write("batch.jsonl", "\n".join(lines) + "\n")
    result = read_file(path)
    assert [r.text for r in result.records] == ["First text.", "Third text."]
    assert result.records[0].published == "2025-08-19"
    assert [r.origin for r in result.records] == [f"{path}:1", f"{path}:3"]
    problems = {p.origin: p.reason for p in result.problems}
    assert set(problems) == {f"{path}:2", f"{path}:4", f"{path}:5"}
    assert problems[f"{path}:2"].startswith("invalid JSON")
    assert "no 'text' field" in problems[f"{path}:4"]
    assert "expected a JSON object" in problems[f"{path}:5"]


def test_json_array_and_single_object(write):
    array = read_file(write("a.json", json.dumps([{"text": "One."}, {"text": ""}, {"text": "Three."}])))
    assert [r.text for r in array.records] == ["One.", "Three."]
    assert [p.origin.rsplit("[", 1)[1] for p in array.problems] == ["1]"]
    single = read_file(write("b.json", json.dumps({"text": "Alone.", "title": "t"})))
    assert [(r.text, r.title) for r in single.records] == [("Alone.", "t")]
    broken = read_file(write("c.json", '{"text": "unterminated'))
    assert not broken.records and "invalid JSON" in broken.problems[0].reason


def test_csv_rows_with_remapped_fields_and_a_bad_row(write):
    text = "headline,body,link,date\nOne,First body.,https://e.org/1,2025-08-19\nTwo,Second body.\n" \
           "Three,Third body.,https://e.org/3,not a date\nFour,Fourth body.,https://e.org/4,2024-01-02\n"
    path = write("rows.csv", text)
    fields = Fields(text="body", title="headline", url="link", published="date")
    result = read_file(path, fields)
    assert [(r.title, r.text, r.published) for r in result.records] == [
        ("One", "First body.", "2025-08-19"), ("Two", "Second body.", None), ("Four", "Fourth body.", "2024-01-02")]
    assert [p.origin for p in result.problems] == [f"{path}:4"]
    assert "cannot read 'not a date' as a date" in result.problems[0].reason


def test_csv_row_with_too_many_fields_is_reported(write):
    path = write("wide.csv", "text,title\nGood text.,a\nBad text.,b,extra\n")
    result = read_file(path)
    assert [r.text for r in result.records] == ["Good text."]
    assert result.problems[0].origin == f"{path}:3" and "3 fields" in result.problems[0].reason


def test_csv_without_the_text_column_names_the_columns_and_what_fixes_it(write):
    problem = read_file(write("cols.csv", "body,title\nx,y\n")).problems[0]
    assert problem.reason == "no 'text' column (columns: body, title)"
    assert problem.remedy == TEXT_FIELD  # each face names its own way to choose the field


def test_jsonl_without_the_text_field_names_the_fields_and_what_fixes_it(write):
    problem = read_file(write("items.jsonl", '{"body": "x", "title": "y"}\n')).problems[0]
    assert problem.reason == "no 'text' field (fields here: body, title)" and problem.remedy == TEXT_FIELD


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("latin.txt", "Caf\u00e9 prices rose 5%.".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_files_are_problems_not_records(write, name, content, reason):
    path = write(name, content)
    result = read_file(path)
    assert not result.records
    assert result.problems[0].origin == str(path)
    assert reason in result.problems[0].reason


def test_non_utf8_reads_with_an_explicit_encoding(write):
    path = write("latin.txt", "Caf\u00e9 prices rose 5%.".encode("latin-1"))
    problem = read_file(path).problems[0]
    assert "--" not in problem.reason and problem.remedy == ENCODING  # the library names no CLI flag
    assert read_file(path, encoding="latin-1").records[0].text == "Caf\u00e9 prices rose 5%."


def test_directories_recurse_globs_expand_and_missing_paths_are_named(write, tmp_path):
    write("a.txt", "A.")
    write("sub/b.md", "B.")
    write("sub/deeper/c.jsonl", '{"text": "C."}\n')
    write("sub/ignored.png", b"\x89PNG")
    write(".hidden/d.txt", "D.")
    files, problems = expand_paths([str(tmp_path / "in")])
    assert sorted(p.name for p in files) == ["a.txt", "b.md", "c.jsonl"]
    assert not problems
    globbed, _ = expand_paths([str(tmp_path / "in" / "**" / "*.md")])
    assert [p.name for p in globbed] == ["b.md"]
    _, missing = expand_paths([str(tmp_path / "nope.txt"), str(tmp_path / "none-*.txt")])
    assert [p.reason for p in missing] == ["no such file or directory", "no files match this pattern"]


def test_globs_match_part_by_part_like_the_shell(write, tmp_path, monkeypatch):
    for name in ("a.txt", "sub/b.txt", "sub/deeper/c.txt", ".hidden/d.txt", "sub/.e.txt"):
        write(name, "Text.")
    root = tmp_path / "in"
    names = lambda pattern: sorted(str(p.relative_to(root)) for p in expand_paths([str(root / pattern)])[0])
    assert names("*.txt") == ["a.txt"]  # one star stays in its folder
    assert names("**/*.txt") == ["a.txt", "sub/b.txt", "sub/deeper/c.txt"]  # ** is any depth, none included
    assert names("s*") == ["sub/b.txt", "sub/deeper/c.txt"]  # a matched folder is read whole
    assert names("sub/.*.txt") == ["sub/.e.txt"]  # hidden names only when the pattern spells the dot
    monkeypatch.chdir(root)
    assert sorted(str(p) for p in expand_paths(["**/c.txt"])[0]) == ["sub/deeper/c.txt"]


def test_symbolic_link_loops_are_walked_once(write, tmp_path):
    write("sub/b.txt", "B.")
    root = tmp_path / "in"
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)  # in/sub/loop → in: a cycle
    (root / "sub" / "again").symlink_to(root, target_is_directory=True)  # two cycles: glob.glob never ends
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.txt").write_text("C.")
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)  # a real folder behind a link
    def too_long(*_):
        raise TimeoutError("the walk did not end")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(20)
    try:
        for target in (str(root), str(root / "**" / "*.txt")):
            files, problems = expand_paths([target])
            assert sorted(p.name for p in files) == ["b.txt", "c.txt"] and not problems
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_explicit_file_of_unsupported_type_is_a_problem(write):
    path = write("table.xlsx", b"PK\x03\x04")
    results = list(read_paths([str(path)]))
    assert "unsupported file type '.xlsx'" in results[0].problems[0].reason


def test_html_keeps_the_article_and_leaves_the_page_furniture(write):
    article = ["Floods in Assam have displaced 53,429 people, officials said on Tuesday.",
               "The state government approved a relief package of ₹1,200 crore for 29 districts.",
               "Rainfall in July was 41% above normal, the weather office said.",
               "At least 612 relief camps are open, and 18 people have died since June."]
    page = f"""<html><head><title>Assam floods</title></head><body>
      <div class="ticker">Sensex 73,651.35 ▲ 0.42% · Nifty 22,326.90 ▲ 0.38%</div>
      <div class="meta">4 min read · 1,203 comments · Shared 2,451 times</div>
      <div class="story"><h1>Assam floods displace thousands</h1>
        <p>{article[0]}</p><p>{article[1]}</p>
        <div class="also-read">Also read: 12 dead as landslides hit Himachal; Rupee falls 14 paise</div>
        <p>{article[2]}</p><p>{article[3]}</p></div>
      <div class="trending"><h3>Top 10 stories</h3><ul><li>Gold hits ₹72,000</li><li>3 arrested in Pune</li></ul></div>
      <div class="follow">Follow us: 2.3M followers</div></body></html>"""
    text = read_file(write("assam.html", page)).records[0].text
    assert text.splitlines() == ["Assam floods displace thousands", *article]  # the headline, then the story


def test_a_walk_says_how_many_files_it_has_found_as_it_goes(write, tmp_path):
    for n in range(5):
        write(f"sub{n % 2}/file{n}.txt", "Text.")
    counts = []
    files, _ = expand_paths([str(tmp_path / "in"), str(tmp_path / "in" / "**" / "*.txt")], counts.append)
    assert len(files) == 5 and counts == [1, 2, 3, 4, 5]  # the glob finds the same files again: not counted twice
