"""Convert the seed article into the other input formats citecheck reads.

The seed (examples/uz-kz-partnership.txt) is text as a PDF extractor gives
it: double-spaced lines, footnotes 14-21 at page bottoms between body
lines, URLs broken over lines with a trailing '?' artefact.  This module
reads that structure back (for this seed: footnotes are the lines from a
line starting with the next label up to the line completing its URL) and
writes the same article as

  Markdown  footnotes [^14] ... with definitions "[^14]: ..."
  HTML      <sup><a href="#fn14">14</a></sup> and a
            <section class="footnotes" role="doc-endnotes"><ol start="14">
  DOCX      w:footnoteReference + word/footnotes.xml (numbering starts at
            14), URLs as w:hyperlink through footnotes.xml.rels (stdlib
            zipfile)
  PDF       python3-cairo: body 11 pt, superscript markers, footnotes in
            8 pt at the bottom of the page where their marker is, long
            URLs broken after '/' or '-', link annotations on the URLs

so the end-to-end tests can check each against the text version.  Known
extraction breaks inside words ("b illion") are mended, as an author's
own file would not have them.  Usage: seedconv.py SEED OUTDIR [FORMAT...]
"""
import html
import os
import re
import sys
import zipfile

LABELS = [str(n) for n in range(14, 22)]
REPAIRS = {
    "b illion": "billion", "qi lish": "qilish", "sifa tida": "sifatida",
    "integrat siya": "integratsiya", "s trategik": "strategik",
    "hisobla nadi": "hisoblanadi", "sheriklikn i": "sheriklikni",
    "integra tsiyani": "integratsiyani",
}


def mend(s):
    for a, b in REPAIRS.items():
        s = s.replace(a, b)
    return re.sub(r"  +", " ", s).strip()


def join(parts):
    """Join extracted lines: no space after a hyphen ending a word or
    inside a URL cut at '-' or '/'."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif re.search(r"https?://\S*[-/]$", out) and not p[0].isspace():
            out += p
        elif re.search(r"[^\s-]-$", out) and (p[0].isalnum()):
            out += p
        else:
            out += " " + p
    return out


def read_seed(path):
    """Returns (blocks, notes): blocks are ("h", text) or ("p", parts) with
    parts a list of str and ("fn", label); notes maps label -> text with
    its URL whole and without the '?' artefact."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    body, notes, i, nxt = [], {}, 0, 0
    while i < len(lines):
        m = re.match(r"\s*(\d{1,2}) ?(?=[A-Z\u201c\"])", lines[i])
        if nxt < len(LABELS) and m and m.group(1) == LABELS[nxt]:
            label, got = LABELS[nxt], [lines[i][m.end():]]
            i += 1
            while i < len(lines):
                text = join(got)
                last = [g for g in got if g.strip()][-1].rstrip()
                if "http" in text and not last.endswith(("-", "/")):
                    break
                nm = re.match(r"\s*(\d{1,2})", lines[i])
                if (nxt + 1 < len(LABELS) and nm and
                        nm.group(1) == LABELS[nxt + 1]):
                    break
                got.append(lines[i])
                i += 1
            text = join(got)
            text = re.sub(r"(https?://\S+?)\?(\.?)\s*$", r"\1\2", text)
            notes[label] = mend(text)
            nxt += 1
            continue
        body.append(lines[i])
        i += 1
    blocks, para = [], []
    for line in body:
        s = line.strip()
        if not s:
            continue
        if re.fullmatch(r"[A-Z\u2018\u2019' ]{4,}", s):
            if para:
                blocks.append(("p", join(para)))
                para = []
            blocks.append(("h", s))
        else:
            para.append(s)
    if para:
        blocks.append(("p", join(para)))
    out, k = [], 0
    for kind, text in blocks:
        if kind == "h":
            out.append((kind, text))
            continue
        text, parts = mend(text), []
        while k < len(LABELS):
            m = re.search(r"\s+%s(?=\.)" % LABELS[k], text)
            if not m:
                break
            parts.append(text[:m.start()])
            parts.append(("fn", LABELS[k]))
            text = text[m.end():]
            k += 1
        parts.append(text)
        out.append(("p", parts))
    return out, notes


def note_url(text):
    m = re.search(r"https?://\S+", text)
    return m.group(0).rstrip(".?") if m else None


def wrap(words, width=78):
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cur + " " + w if cur else w
    if cur:
        lines.append(cur)
    return lines


# ---- Markdown ---------------------------------------------------------------
def md_escape(s):
    return re.sub(r"([\\`*_\[\]<])", r"\\\1", s)


def to_markdown(blocks, notes):
    out = []
    for kind, content in blocks:
        if kind == "h":
            out += ["## " + content, ""]
            continue
        text = "".join(md_escape(p) if isinstance(p, str) else "[^%s]" % p[1]
                       for p in content)
        out += wrap(text.split()) + [""]
    for label in LABELS:
        out.append("[^%s]: %s" % (label, notes[label]))
    return "\n".join(out) + "\n"


# ---- HTML -------------------------------------------------------------------
def to_html(blocks, notes):
    out = ['<!DOCTYPE html>', '<html lang="uz">', '<head>',
           '<meta charset="utf-8">',
           '<title>O\u2018zbekiston va Qozog\u2018iston</title>',
           '<script>var distractor = "99 milliard dollar";</script>',
           '</head>', '<body>', '<nav>Bosh sahifa 7 milliard dollar</nav>',
           '<article>']
    for kind, content in blocks:
        if kind == "h":
            out.append("<h2>%s</h2>" % html.escape(content))
            continue
        text = ""
        for p in content:
            if isinstance(p, str):
                text += html.escape(p, quote=False)
            else:
                text += ('<sup id="fnref%s"><a href="#fn%s" role="doc-noteref">'
                         '%s</a></sup>' % (p[1], p[1], p[1]))
        out.append("<p>" + "\n".join(wrap(text.split(" "), 100)) + "</p>")
    out.append('<section class="footnotes" role="doc-endnotes">')
    out.append('<hr>')
    out.append('<ol start="%s">' % LABELS[0])
    for label in LABELS:
        t, u = notes[label], note_url(notes[label])
        if u:
            a, b = t.split(u, 1)
            body = (html.escape(a, quote=False) + '<a href="%s">%s</a>'
                    % (html.escape(u), html.escape(u)) +
                    html.escape(b, quote=False))
        else:
            body = html.escape(t, quote=False)
        out.append('<li id="fn%s"><p>%s <a href="#fnref%s" '
                   'role="doc-backlink">\u21a9</a></p></li>'
                   % (label, body, label))
    out += ['</ol>', '</section>', '</article>',
            '<footer>\u00a9 2025 jurnal</footer>', '</body>', '</html>']
    return "\n".join(out) + "\n"


# ---- DOCX -------------------------------------------------------------------
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HL = R + "/hyperlink"


def x(s):
    return html.escape(s, quote=True)


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % x(text)


def to_docx(blocks, notes, path):
    body, fns, rels, fid = [], [], [], 0
    for kind, content in blocks:
        if kind == "h":
            body.append('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>%s'
                        '</w:p>' % run(content))
            continue
        # a new w:p after each footnoted sentence keeps paragraph numbers
        # meaningful (the seed itself has no paragraph breaks)
        p = ""
        for part in content:
            if isinstance(part, str):
                if p and part.startswith(". "):
                    body.append("<w:p>%s</w:p>" % (p + run(".")))
                    p, part = "", part[2:]
                p += run(part)
            else:
                fid += 1
                p += ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                      '</w:rPr><w:footnoteReference w:id="%d"/></w:r>' % fid)
                t, u = notes[part[1]], note_url(notes[part[1]])
                inner = ""
                if u:
                    rid = "rId%d" % (len(rels) + 1)
                    rels.append('<Relationship Id="%s" Type="%s" Target="%s" '
                                'TargetMode="External"/>' % (rid, HL, x(u)))
                    a, b = t.split(u, 1)
                    inner = (run(a) + '<w:hyperlink r:id="%s">%s</w:hyperlink>'
                             % (rid, run(u)) + (run(b) if b else ""))
                else:
                    inner = run(t)
                fns.append('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle '
                           'w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle '
                           'w:val="FootnoteReference"/></w:rPr><w:footnoteRef/>'
                           '</w:r>%s%s</w:p></w:footnote>'
                           % (fid, run(" "), inner))
        body.append("<w:p>%s</w:p>" % p)
    ns = 'xmlns:w="%s" xmlns:r="%s"' % (W, R)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document %s><w:body>%s<w:sectPr><w:footnotePr><w:numStart '
                'w:val="%s"/></w:footnotePr></w:sectPr></w:body></w:document>'
                % (ns, "".join(body), LABELS[0]))
    footnotes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<w:footnotes %s><w:footnote w:type="separator" w:id="-1">'
                 '<w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p>'
                 '<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                 '%s</w:footnotes>' % (ns, "".join(fns)))
    settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:settings %s><w:footnotePr><w:numStart w:val="%s"/>'
                '<w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
                '</w:settings>' % (ns, LABELS[0]))
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension='
          '"xml" ContentType="application/xml"/><Override PartName="/word/'
          'document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/><Override '
          'PartName="/word/footnotes.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
          '<Override PartName="/word/settings.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
          '</Types>')
    top = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/'
           'officeDocument" Target="word/document.xml"/></Relationships>'
           % (pkg, R))
    docrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/'
               'footnotes" Target="footnotes.xml"/><Relationship Id="rId2" '
               'Type="%s/settings" Target="settings.xml"/></Relationships>'
               % (pkg, R, R))
    fnrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="%s">%s</Relationships>'
              % (pkg, "".join(rels)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", top)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", docrels)
        z.writestr("word/footnotes.xml", footnotes)
        z.writestr("word/_rels/footnotes.xml.rels", fnrels)
        z.writestr("word/settings.xml", settings)


# ---- PDF ----------------------------------------------------------------------
def to_pdf(blocks, notes, path):
    import cairo  # python3-cairo; imported here so the rest needs stdlib only

    pw, ph, margin = 595.0, 842.0, 64.0
    width = pw - 2 * margin
    body_size, note_size, sup_size = 11.0, 8.0, 7.0
    lead, note_lead = 15.0, 10.5
    surface = cairo.PDFSurface(path, pw, ph)
    ctx = cairo.Context(surface)

    def font(size, bold=False):
        ctx.select_font_face("DejaVu Serif", cairo.FONT_SLANT_NORMAL,
                             cairo.FONT_WEIGHT_BOLD if bold else
                             cairo.FONT_WEIGHT_NORMAL)
        ctx.set_font_size(size)

    def adv(s, size):
        font(size)
        return ctx.text_extents(s).x_advance

    def split_long(word, size, room):
        """Cut a token wider than the line after '/' or '-'."""
        pieces, cur = [], ""
        for ch in word:
            if adv(cur + ch, size) > room and cur:
                cut = max(cur.rfind("/"), cur.rfind("-"))
                if cut <= 0:
                    cut = len(cur) - 1
                pieces.append(cur[:cut + 1])
                cur = cur[cut + 1:]
            cur += ch
        return pieces + [cur]

    # notes wrapped into lines of (text, url or None)
    note_lines = {}
    for label in LABELS:
        words = (label + " " + notes[label]).split()
        lines, cur = [], ""
        for w in words:
            for piece in split_long(w, note_size, width):
                glue = "" if cur.endswith(("/", "-")) and "http" in cur else " "
                cand = cur + glue + piece if cur else piece
                if cur and adv(cand, note_size) > width:
                    lines.append(cur)
                    cur = piece
                else:
                    cur = cand
        lines.append(cur)
        note_lines[label] = lines

    # body lines: list of (items, heading) with items (text, is_marker)
    body = []
    for kind, content in blocks:
        if kind == "h":
            body.append(([(content, False)], True))
            continue
        tokens = []
        for part in content:
            if isinstance(part, str):
                for i, w in enumerate(re.split(r"(\s+)", part)):
                    if w.strip():
                        tokens.append((w, False))
                    elif w:
                        tokens.append((" ", False))
            else:
                tokens.append((part[1], True))
        line, w = [], 0.0
        for t, mk in tokens:
            a = adv(t, sup_size if mk else body_size)
            if t == " ":
                if line:
                    line.append((t, mk))
                    w += a
                continue
            if line and w + a > width and not mk:
                # hyphenate a long word the way typesetters do, so the
                # reader must join "integratsiya-" + "sining" again
                cut = 0
                if len(t) >= 12 and t.isalpha():
                    for k in range(len(t) - 5, 4, -1):
                        if w + adv(t[:k] + "-", body_size) <= width:
                            cut = k
                            break
                if cut:
                    line.append((t[:cut] + "-", False))
                    t = t[cut:]
                    a = adv(t, body_size)
                while line and line[-1][0] == " ":
                    line.pop()
                body.append((line, False))
                line, w = [], 0.0
            line.append((t, mk))
            w += a
        if line:
            body.append((line, False))
        body.append(None)   # paragraph gap

    y, pending, page_notes = margin, [], []

    def note_height(labels):
        return sum(len(note_lines[l]) for l in labels) * note_lead + 12

    def finish_page():
        nonlocal y, page_notes
        if page_notes:
            ny = ph - margin - note_height(page_notes) + 12
            ctx.set_line_width(0.5)
            ctx.move_to(margin, ny - 8)
            ctx.line_to(margin + 120, ny - 8)
            ctx.stroke()
            for label in page_notes:
                url = note_url(notes[label])
                for k, text in enumerate(note_lines[label]):
                    font(note_size)
                    ctx.move_to(margin, ny)
                    ctx.show_text(text)
                    if url and "http" in text or (url and k > 0 and
                                                  text.strip() in url):
                        adv_w = adv(text, note_size)
                        ctx.tag_begin(cairo.TAG_LINK,
                                      "uri='%s' rect=[%f %f %f %f]"
                                      % (url, margin, ny - note_size,
                                         adv_w, note_size + 2))
                        ctx.tag_end(cairo.TAG_LINK)
                    ny += note_lead
        font(9)
        ctx.move_to(pw / 2, ph - margin / 2)
        ctx.show_text(str(surface_page[0]))
        ctx.show_page()
        surface_page[0] += 1
        y, page_notes = margin, []

    surface_page = [1]
    for entry in body:
        if entry is None:
            y += lead * 0.6
            continue
        items, heading = entry
        labels = [t for t, mk in items if mk]
        need = lead * (2 if heading else 1)
        if (y + need + note_height(page_notes + labels) > ph - margin and
                y > margin):
            finish_page()
        if heading:
            y += lead * 0.5
        x0 = margin
        for t, mk in items:
            if mk:
                font(sup_size)
                ctx.move_to(x0, y + lead - 4.5)
            else:
                font(body_size, heading)
                ctx.move_to(x0, y + lead)
            ctx.show_text(t)
            x0 += ctx.text_extents(t).x_advance
        y += lead * (1.5 if heading else 1)
        page_notes += labels
    finish_page()
    surface.finish()


WRITERS = {"md": "markdown", "html": "html", "docx": "docx", "pdf": "pdf"}


def convert(seed, outdir, formats=("md", "html", "docx", "pdf")):
    """Write outdir/seed.<ext> for each format; returns {ext: path}."""
    blocks, notes = read_seed(seed)
    assert sorted(notes, key=int) == LABELS, sorted(notes)
    got = {}
    for ext in formats:
        path = os.path.join(outdir, "seed." + ext)
        if ext in ("md", "html"):
            with open(path, "w", encoding="utf-8") as f:
                f.write(to_markdown(blocks, notes) if ext == "md"
                        else to_html(blocks, notes))
        elif ext == "docx":
            to_docx(blocks, notes, path)
        elif ext == "pdf":
            to_pdf(blocks, notes, path)
        got[ext] = path
    return got


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: seedconv.py SEED OUTDIR [md|html|docx|pdf ...]")
    for ext, p in convert(sys.argv[1], sys.argv[2],
                          sys.argv[3:] or WRITERS).items():
        print(ext, p)
