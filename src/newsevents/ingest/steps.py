"""The ingest steps: decode a source into an `Article`, clean it, date it, check its language."""

from __future__ import annotations

from newsevents.config import Config
from newsevents.errors import DocumentFailure
from newsevents.ingest.clean import clean_text
from newsevents.ingest.decode import check_size, check_text, decode_bytes, extract_html
from newsevents.ingest.docdate import infer_date, normalise_date
from newsevents.ingest.language import check_english
from newsevents.records import Article
from newsevents.step import DocumentStep, Work


class Decode(DocumentStep):
    """Raw bytes or str -> text (HTML through trafilatura) -> `Article`."""

    name = "decode"

    def __init__(self, config: Config) -> None:
        self.max_bytes = config.max_document_bytes

    def process(self, work: Work) -> None:
        src = work.source
        check_size(src.raw, self.max_bytes)
        text = decode_bytes(src.raw) if isinstance(src.raw, bytes) else src.raw
        check_text(text)
        title, published = src.title, src.published
        if src.format == "html":
            text, page_title, page_date = extract_html(text, src.url)
            title = title or page_title
            published = published or page_date
        elif src.format != "text":
            raise DocumentFailure("bad_format", f"unknown document format {src.format!r}")
        try:
            given = normalise_date(published)
        except ValueError as exc:
            raise DocumentFailure("bad_date", str(exc)) from None
        work.article = Article(
            id=src.id, original=text, text=text, published=given, url=src.url, title=title
        )


class Clean(DocumentStep):
    """Remove scraped noise; offsets of removals point into the original text."""

    name = "clean"

    def process(self, work: Work) -> None:
        assert work.article is not None
        result = clean_text(work.article.original)
        work.article.text = result.text
        work.article.removed = result.removed
        check_text(result.text)  # a page of nothing but noise has no article left


class Date(DocumentStep):
    """Keep the given publication date, else infer one from the cleaned text."""

    name = "date"

    def process(self, work: Work) -> None:
        article = work.article
        assert article is not None
        if article.published is None:
            article.published = infer_date(article.text)
            article.published_inferred = article.published is not None


class CheckLanguage(DocumentStep):
    name = "language"

    def __init__(self, config: Config) -> None:
        self.enabled = config.language_check
        self.min_chars = config.min_language_chars

    def process(self, work: Work) -> None:
        assert work.article is not None
        if self.enabled:
            check_english(work.article.text, self.min_chars)
