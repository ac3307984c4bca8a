"""`newsevents explain`: the parse of a sentence, its triggers, and why each did or did not
become an event. For people debugging a coding decision, not for machines."""

from __future__ import annotations

from newsevents.events.step import code_document
from newsevents.nlp.model import load_model
from newsevents.nlp.parse import make_doc, sentences_of
from newsevents.time import tag_times


def explain(text: str, date: str | None = None) -> str:
    nlp = load_model()
    doc = nlp(make_doc(nlp, text))
    times = [t.to_dict() for t in tag_times(doc, date)]
    results, _ = code_document(doc, "explain", date, times, sentences_of(doc))
    lines = ["PARSE", f"{'i':>3}  {'token':16}{'lemma':14}{'pos':7}{'dep':11}head  entity"]
    for tok in doc:
        if not tok.is_space:
            lines.append(
                f"{tok.i:>3}  {tok.text:16}{tok.lemma_:14}{tok.pos_:7}{tok.dep_:11}"
                f"{tok.head.i:>4}  {tok.ent_type_}"
            )
    lines += ["", "TIMES"] + [f"  {t['text']!r} -> {t['type']} {t['value']}" for t in times]
    lines += ["", "TRIGGERS CONSIDERED"]
    traces = [t for r in results for t in r.traces]
    lines += [
        f"  {t.text!r} ({t.kind}, lemma {t.lemma}) at {t.start}: {t.decision}" for t in traces
    ] or ["  (no word of this text is in the event lexicon)"]
    lines += ["", "EVENTS"]
    for result in results:
        for e in result.events:
            actor = ", ".join(f"{a['text']} [{a['country']} {a['sector']}]" for a in e["actor"])
            recip = ", ".join(f"{a['text']} [{a['country']} {a['sector']}]" for a in e["recipient"])
            lines.append(
                f"  {e['type']} ({e['cameo']}) {e['trigger']['text']!r}: "
                f"actor {actor or '-'}; recipient {recip or '-'}; aux {e['aux']}; "
                f"date {e['date']} ({e['date_precision']}); confidence {e['confidence']}"
            )
    if lines[-1] == "EVENTS":
        lines.append("  (none)")
    return "\n".join(lines)
