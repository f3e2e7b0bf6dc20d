/* Unit tests: the structured input formats (parser/document_fmt.c,
 * document_md.c, html_doc.c, document_docx.c, document_pdf.c) on small
 * inputs built here: Markdown and HTML as text, DOCX as a stored zip, PDF
 * written by hand with the standard Helvetica font. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/document.h"
#include "parser/html_dom.h"

/* ---- helpers ---------------------------------------------------------- */

static struct doc *parse(const char *path, const char *data, size_t len)
{
    char err[CC_ERRLEN] = "";
    struct doc *d = NULL;
    cc_result result = doc_parse(path, data, len, &d, err, sizeof err);

    ck_assert_msg(result == CC_OK, "%s: %s", path, err);
    return d;
}

static struct doc *parse_str(const char *path, const char *s)
{
    return parse(path, s, strlen(s));
}

/* The sentence containing needle, or fail. */
static const struct doc_sentence *sentence(const struct doc *d,
                                           const char *needle)
{
    for (size_t i = 0; i < d->nsentences; i++)
        if (strstr(d->sentences[i].text, needle))
            return &d->sentences[i];
    ck_abort_msg("no sentence with \"%s\"", needle);
    return NULL;
}

static bool has_label(const struct doc_sentence *s, const char *label)
{
    for (size_t i = 0; i < s->nlabels; i++)
        if (strcmp(s->labels[i], label) == 0)
            return true;
    return false;
}

static const struct doc_ref *ref(const struct doc *d, const char *label)
{
    const struct doc_ref *r = doc_find_ref(d, label);

    ck_assert_msg(r != NULL, "no reference %s", label);
    return r;
}

/* Line of the first character of needle in its sentence. */
static int line_of(const struct doc *d, const char *needle)
{
    const struct doc_sentence *s = sentence(d, needle);

    return doc_sentence_line(s, (size_t)(strstr(s->text, needle) - s->text));
}

/* ---- detection ---------------------------------------------------------- */

START_TEST(test_detect)
{
    ck_assert_int_eq(doc_detect(NULL, "%PDF-1.7\n", 9), DOC_FMT_PDF);
    ck_assert_int_eq(doc_detect(NULL, "PK\3\4word/document.xml", 21),
                     DOC_FMT_DOCX);
    ck_assert_int_eq(doc_detect(NULL, "PK\3\4rest", 8), DOC_FMT_TEXT);
    ck_assert_int_eq(doc_detect(NULL, "\n <!DOCTYPE html><p>x", 21),
                     DOC_FMT_HTML);
    ck_assert_int_eq(doc_detect(NULL, "<html><body>", 12), DOC_FMT_HTML);
    ck_assert_int_eq(doc_detect("a.htm", "<p>x</p>", 8), DOC_FMT_HTML);
    ck_assert_int_eq(doc_detect(NULL, "Text.[^1]\n\n[^1]: Note.", 23),
                     DOC_FMT_MARKDOWN);
    ck_assert_int_eq(doc_detect(NULL, "See [here](https://x.org/).", 27),
                     DOC_FMT_MARKDOWN);
    ck_assert_int_eq(doc_detect(NULL, "[a]: http://x.org/", 18),
                     DOC_FMT_MARKDOWN);
    ck_assert_int_eq(doc_detect("notes.md", "Plain words.", 12),
                     DOC_FMT_MARKDOWN);
    /* content wins over the name; plain text stays text */
    ck_assert_int_eq(doc_detect("x.txt", "%PDF-1.4", 8), DOC_FMT_PDF);
    ck_assert_int_eq(doc_detect("x.txt", "Trade [1] grew 5%.\n", 19),
                     DOC_FMT_TEXT);
    ck_assert_str_eq(doc_format_name(DOC_FMT_DOCX), "docx");
}
END_TEST

/* ---- Markdown ------------------------------------------------------------ */

static const char md_doc[] =
    "# Trade between neighbours\n"                          /* 1 */
    "\n"                                                    /* 2 */
    "Trade reached **$3.8 billion** in\n"                   /* 3 */
    "2024[^14]. Exports were $1.3 billion[^15].\n"          /* 4 */
    "\n"                                                    /* 5 */
    "The ministry [published figures](https://stat.example/t \"T\") and\n"
    "[the agency][kz] agreed. See also https://bare.example/x.\n" /* 7 */
    "Code `[^14]` and \\[^15] are not markers; [^nope] is text.\n" /* 8 */
    "\n"                                                    /* 9 */
    "Setext heading\n"                                      /* 10 */
    "--------------\n"                                      /* 11 */
    "\n"                                                    /* 12 */
    "[^14]: Caspian Post, Trade tops, 26 Dec 2024.\n"       /* 13 */
    "    https://caspianpost.com/a-b\n"                     /* 14 */
    "[^15]: Kun.uz, *Exports*, 2025. [link](https://kun.uz/e)\n" /* 15 */
    "[kz]: https://agency.example/kz\n";                    /* 16 */

START_TEST(test_markdown)
{
    struct doc *d = parse_str("a.md", md_doc);
    const struct doc_sentence *s;

    ck_assert_int_eq(d->format, DOC_FMT_MARKDOWN);
    ck_assert_int_eq(d->nlines, 16);
    s = sentence(d, "Trade between");
    ck_assert(s->heading);
    s = sentence(d, "Trade reached $3.8 billion in 2024.");
    ck_assert_int_eq(s->nlabels, 1);
    ck_assert_str_eq(s->labels[0], "14");
    ck_assert_int_eq(s->label_lines[0], 4);
    ck_assert_int_eq(line_of(d, "$3.8"), 3);
    ck_assert_int_eq(line_of(d, "2024."), 4);
    ck_assert(has_label(sentence(d, "Exports were"), "15"));
    /* inline, reference-style and bare links become references L1.. */
    s = sentence(d, "published figures and the agency agreed");
    ck_assert(has_label(s, "L1"));
    ck_assert(has_label(s, "L2"));
    ck_assert_str_eq(ref(d, "L1")->url, "https://stat.example/t");
    ck_assert_str_eq(ref(d, "L2")->url, "https://agency.example/kz");
    ck_assert(has_label(sentence(d, "See also https://bare.example/x"),
                        "L3"));
    ck_assert_str_eq(ref(d, "L3")->url, "https://bare.example/x");
    s = sentence(d, "are not markers");
    ck_assert_int_eq(s->nlabels, 0);
    ck_assert_ptr_nonnull(strstr(s->text, "[^14]"));
    ck_assert_ptr_nonnull(strstr(s->text, "[^15]"));
    ck_assert_ptr_nonnull(strstr(s->text, "[^nope]"));
    ck_assert(sentence(d, "Setext heading")->heading);
    /* footnotes: continuation lines, links inside them */
    ck_assert_int_eq(ref(d, "14")->line, 13);
    ck_assert_str_eq(ref(d, "14")->url, "https://caspianpost.com/a-b");
    ck_assert_int_eq(ref(d, "14")->date.y, 2024);
    ck_assert_str_eq(ref(d, "15")->url, "https://kun.uz/e");
    ck_assert_ptr_null(strstr(ref(d, "15")->text, "*"));
    ck_assert_ptr_null(strstr(ref(d, "15")->text, "link"));
    doc_free(&d);
}
END_TEST

START_TEST(test_markdown_lists_quotes_fences)
{
    static const char md[] =
        "- First item grew 5%[^1].\n"
        "- Second item.\n"
        "\n"
        "> Quoted $2 billion[^1].\n"
        "\n"
        "```\n"
        "Code $9 billion[^1].\n"
        "```\n"
        "\n"
        "Growth was <5% and >3% with <b>bold</b> tags dropped.\n"
        "\n"
        "[^1]: Source, 2024. https://x.example/1\n";
    struct doc *d = parse_str("-", md);

    ck_assert(has_label(sentence(d, "First item grew 5%."), "1"));
    ck_assert_int_eq(sentence(d, "Second item.")->nlabels, 0);
    ck_assert(has_label(sentence(d, "Quoted $2 billion."), "1"));
    for (size_t i = 0; i < d->nsentences; i++)
        ck_assert_ptr_null(strstr(d->sentences[i].text, "$9"));
    ck_assert_int_eq(d->nrefs, 1);
    sentence(d, "Growth was <5% and >3% with bold tags dropped.");
    doc_free(&d);
}
END_TEST

/* ---- HTML ------------------------------------------------------------------- */

static const char html_doc[] =
    "<!DOCTYPE html>\n"                                                /* 1 */
    "<html><head><title>T</title>\n"                                   /* 2 */
    "<script>var x = '77 billion';</script></head>\n"                   /* 3 */
    "<body><nav>Menu 88 billion</nav>\n"                                /* 4 */
    "<h1>Trade article</h1>\n"                                         /* 5 */
    "<p>Trade reached $3.8 billion in\n"                               /* 6 */
    "2024<sup><a href=\"#fn-a\" id=\"r1\">14</a></sup>. See the\n"     /* 7 */
    "<a href=\"https://stat.example/r\">official report</a>.</p>\n"    /* 8 */
    "<p>Exports grew 5%<sup>2</sup>. Area was 5 m<sup>3</sup>.</p>\n"  /* 9 */
    "<footer>Copyright 2025 99 billion</footer>\n"                      /* 10 */
    "<section class=\"footnotes\" role=\"doc-endnotes\"><ol>\n"        /* 11 */
    "<li id=\"fn-a\"><p>Caspian Post, Trade tops, 26 Dec 2024. "
    "<a href=\"https://caspianpost.com/a\">link</a> "
    "<a href=\"#r1\" role=\"doc-backlink\">back</a></p></li>\n"        /* 12 */
    "<li id=\"fn-b\">Kun.uz, Exports, 2025. https://kun.uz/x</li>\n"   /* 13 */
    "</ol></section></body></html>\n";

START_TEST(test_html)
{
    struct doc *d = parse_str("a.html", html_doc);
    const struct doc_sentence *s;

    ck_assert_int_eq(d->format, DOC_FMT_HTML);
    ck_assert(sentence(d, "Trade article")->heading);
    s = sentence(d, "Trade reached $3.8 billion in 2024.");
    ck_assert_int_eq(s->nlabels, 1);
    /* the list says 1, the marker pointing at it says 14 */
    ck_assert_str_eq(s->labels[0], "14");
    ck_assert_int_eq(s->label_lines[0], 7);
    ck_assert_int_eq(line_of(d, "$3.8"), 6);
    ck_assert_int_eq(line_of(d, "2024."), 7);
    ck_assert(has_label(sentence(d, "See the official report"), "L1"));
    ck_assert_str_eq(ref(d, "L1")->url, "https://stat.example/r");
    /* a bare <sup> that is a reference label is a marker; m<sup>3</sup>
     * is not (no reference 3) */
    ck_assert(has_label(sentence(d, "Exports grew 5%."), "2"));
    ck_assert_int_eq(sentence(d, "Area was 5 m3.")->nlabels, 0);
    for (size_t i = 0; i < d->nsentences; i++) {
        ck_assert_ptr_null(strstr(d->sentences[i].text, "77 billion"));
        ck_assert_ptr_null(strstr(d->sentences[i].text, "88 billion"));
        ck_assert_ptr_null(strstr(d->sentences[i].text, "99 billion"));
        ck_assert_ptr_null(strstr(d->sentences[i].text, "Caspian"));
    }
    ck_assert_int_eq(ref(d, "14")->line, 12);
    ck_assert_str_eq(ref(d, "14")->url, "https://caspianpost.com/a");
    ck_assert_ptr_null(strstr(ref(d, "14")->text, "back"));
    ck_assert_ptr_null(strstr(ref(d, "14")->text, "link"));
    ck_assert_str_eq(ref(d, "14")->date_text, "26 Dec 2024");
    ck_assert_str_eq(ref(d, "2")->url, "https://kun.uz/x");
    doc_free(&d);
}
END_TEST

START_TEST(test_html_legacy_charset)
{
    /* windows-1251: "Торговля" */
    static const char h[] =
        "<html><head><meta charset=\"windows-1251\"></head><body>\n"
        "<p>\xd2\xee\xf0\xe3\xee\xe2\xeb\xff 5%<sup><a href=\"#n1\">1</a>"
        "</sup>.</p><ol class=\"references\"><li id=\"n1\">Kun.uz, 2024. "
        "https://kun.uz/1</li></ol></body></html>\n";
    struct doc *d = parse_str("ru.html", h);

    ck_assert(has_label(sentence(d, "\xd0\xa2\xd0\xbe\xd1\x80\xd0\xb3"
                                    "\xd0\xbe\xd0\xb2\xd0\xbb\xd1\x8f 5%."),
                        "1"));
    ck_assert_int_eq(line_of(d, "5%"), 2);
    doc_free(&d);
}
END_TEST

/* ---- DOCX: a stored (uncompressed) zip written here ------------------- */

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;

    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

struct zipw {
    unsigned char *b;
    size_t len, cap;
    unsigned char *cd;
    size_t cdlen, cdcap;
    int n;
};

static void put(unsigned char **b, size_t *len, size_t *cap, const void *p,
                size_t n)
{
    if (*len + n > *cap) {
        *cap = (*len + n) * 2 + 64;
        *b = realloc(*b, *cap);
        ck_assert_ptr_nonnull(*b);
    }
    memcpy(*b + *len, p, n);
    *len += n;
}

static void le(unsigned char **b, size_t *len, size_t *cap, uint32_t v,
               int bytes)
{
    unsigned char t[4] = {v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF,
                          (v >> 24) & 0xFF};

    put(b, len, cap, t, (size_t)bytes);
}

static void zip_add(struct zipw *z, const char *name, const char *data)
{
    size_t nl = strlen(name), dl = strlen(data);
    uint32_t crc = crc32_of((const unsigned char *)data, dl),
             off = (uint32_t)z->len;

    le(&z->b, &z->len, &z->cap, 0x04034b50, 4);
    le(&z->b, &z->len, &z->cap, 20, 2);
    le(&z->b, &z->len, &z->cap, 0, 2);          /* flags */
    le(&z->b, &z->len, &z->cap, 0, 2);          /* stored */
    le(&z->b, &z->len, &z->cap, 0, 4);          /* time, date */
    le(&z->b, &z->len, &z->cap, crc, 4);
    le(&z->b, &z->len, &z->cap, (uint32_t)dl, 4);
    le(&z->b, &z->len, &z->cap, (uint32_t)dl, 4);
    le(&z->b, &z->len, &z->cap, (uint32_t)nl, 2);
    le(&z->b, &z->len, &z->cap, 0, 2);
    put(&z->b, &z->len, &z->cap, name, nl);
    put(&z->b, &z->len, &z->cap, data, dl);

    le(&z->cd, &z->cdlen, &z->cdcap, 0x02014b50, 4);
    le(&z->cd, &z->cdlen, &z->cdcap, 20, 2);
    le(&z->cd, &z->cdlen, &z->cdcap, 20, 2);
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 2);
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 2);
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 4);
    le(&z->cd, &z->cdlen, &z->cdcap, crc, 4);
    le(&z->cd, &z->cdlen, &z->cdcap, (uint32_t)dl, 4);
    le(&z->cd, &z->cdlen, &z->cdcap, (uint32_t)dl, 4);
    le(&z->cd, &z->cdlen, &z->cdcap, (uint32_t)nl, 2);
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 2);     /* extra */
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 2);     /* comment */
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 2);     /* disk */
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 2);     /* internal attrs */
    le(&z->cd, &z->cdlen, &z->cdcap, 0, 4);     /* external attrs */
    le(&z->cd, &z->cdlen, &z->cdcap, off, 4);
    put(&z->cd, &z->cdlen, &z->cdcap, name, nl);
    z->n++;
}

static void zip_finish(struct zipw *z)
{
    uint32_t cdoff = (uint32_t)z->len;

    put(&z->b, &z->len, &z->cap, z->cd, z->cdlen);
    le(&z->b, &z->len, &z->cap, 0x06054b50, 4);
    le(&z->b, &z->len, &z->cap, 0, 4);
    le(&z->b, &z->len, &z->cap, (uint32_t)z->n, 2);
    le(&z->b, &z->len, &z->cap, (uint32_t)z->n, 2);
    le(&z->b, &z->len, &z->cap, (uint32_t)z->cdlen, 4);
    le(&z->b, &z->len, &z->cap, cdoff, 4);
    le(&z->b, &z->len, &z->cap, 0, 2);
    free(z->cd);
}

#define NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/" \
           "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/" \
           "officeDocument/2006/relationships\""
#define RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/" \
             "package/2006/relationships\">"
#define T(s) "<w:r><w:t xml:space=\"preserve\">" s "</w:t></w:r>"
#define FN(id) "<w:r><w:footnoteReference w:id=\"" id "\"/></w:r>"

static const char docx_document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " NS "><w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" T("Trade") "</w:p>"
    "<w:p>" T("Trade reached $3.8 ") T("billion in 2024") FN("2")
    T(". Exports grew 5%") FN("3") T(".") "</w:p>"
    "<w:p>" T("The ")
    "<w:hyperlink r:id=\"rId7\">" T("ministry") "</w:hyperlink>"
    T(" agreed") "<w:r><w:footnoteReference w:customMarkFollows=\"1\" "
    "w:id=\"4\"/></w:r><w:r><w:t>*</w:t></w:r>" T(".") "</w:p>"
    "<w:p><w:del><w:r><w:delText>Deleted 9 billion.</w:delText></w:r>"
    "</w:del>" T("Kept text") "<w:r><w:fldChar w:fldCharType=\"begin\"/>"
    "</w:r><w:r><w:instrText> HYPERLINK \"https://field.example/f\" "
    "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    T(" here") "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" T(".")
    "</w:p>"
    "<w:sectPr><w:footnotePr><w:numStart w:val=\"14\"/></w:footnotePr>"
    "</w:sectPr></w:body></w:document>";

static const char docx_footnotes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes " NS ">"
    "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/>"
    "</w:r></w:p></w:footnote>"
    "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r>"
    T(" Caspian Post, Trade tops, 26 Dec 2024. ")
    "<w:hyperlink r:id=\"rId1\">" T("https://caspianpost.com/a") 
    "</w:hyperlink></w:p></w:footnote>"
    "<w:footnote w:id=\"3\"><w:p><w:r><w:footnoteRef/></w:r>"
    T(" Kun.uz, Exports, 2025.") "<w:hyperlink r:id=\"rId2\">" T(" web")
    "</w:hyperlink></w:p></w:footnote>"
    "<w:footnote w:id=\"4\"><w:p>" T("Interview, 2023.") "</w:p>"
    "</w:footnote></w:footnotes>";

static char *make_docx(size_t *len, bool with_document)
{
    struct zipw z = {0};

    zip_add(&z, "[Content_Types].xml", "<Types/>");
    if (with_document)
        zip_add(&z, "word/document.xml", docx_document);
    zip_add(&z, "word/footnotes.xml", docx_footnotes);
    zip_add(&z, "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\"?>" RELS "<Relationship Id=\"rId7\" "
            "Type=\"x/hyperlink\" Target=\"https://ministry.example/m\" "
            "TargetMode=\"External\"/></Relationships>");
    zip_add(&z, "word/_rels/footnotes.xml.rels",
            "<?xml version=\"1.0\"?>" RELS "<Relationship Id=\"rId1\" "
            "Type=\"x/hyperlink\" Target=\"https://caspianpost.com/a\" "
            "TargetMode=\"External\"/><Relationship Id=\"rId2\" "
            "Type=\"x/hyperlink\" Target=\"https://kun.uz/e\" "
            "TargetMode=\"External\"/></Relationships>");
    zip_finish(&z);
    *len = z.len;
    return (char *)z.b;
}

START_TEST(test_docx)
{
    size_t len;
    char *data = make_docx(&len, true);
    struct doc *d = parse("a.docx.bin", data, len);
    const struct doc_sentence *s;

    ck_assert_int_eq(d->format, DOC_FMT_DOCX);
    ck_assert_int_eq(d->nlines, 4);
    ck_assert(sentence(d, "Trade")->heading);
    s = sentence(d, "Trade reached $3.8 billion in 2024.");
    ck_assert_int_eq(s->nlabels, 1);
    ck_assert_str_eq(s->labels[0], "14");
    ck_assert_int_eq(s->line, 2);
    ck_assert(has_label(sentence(d, "Exports grew 5%."), "15"));
    s = sentence(d, "The ministry agreed.");
    ck_assert(has_label(s, "*"));
    ck_assert(has_label(s, "L1"));
    ck_assert_int_eq(s->line, 3);
    ck_assert_str_eq(ref(d, "L1")->url, "https://ministry.example/m");
    ck_assert(has_label(sentence(d, "Kept text here."), "L2"));
    ck_assert_str_eq(ref(d, "L2")->url, "https://field.example/f");
    for (size_t i = 0; i < d->nsentences; i++)
        ck_assert_ptr_null(strstr(d->sentences[i].text, "Deleted"));
    ck_assert_str_eq(ref(d, "14")->url, "https://caspianpost.com/a");
    ck_assert_int_eq(ref(d, "14")->line, 2);
    ck_assert_str_eq(ref(d, "14")->date_text, "26 Dec 2024");
    ck_assert_str_eq(ref(d, "15")->url, "https://kun.uz/e");
    ck_assert_int_eq(ref(d, "*")->date.y, 2023);
    doc_free(&d);
    free(data);
}
END_TEST

START_TEST(test_docx_errors)
{
    char err[CC_ERRLEN] = "";
    struct doc *d = NULL;
    size_t len;
    char *data = make_docx(&len, false);

    /* a zip that is not a Word document: read as text, so binary */
    ck_assert_int_eq(doc_parse("x.docx", data, len, &d, err, sizeof err),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "x.docx: binary file"));
    ck_assert_ptr_null(d);
    /* cut short: not a readable zip */
    ck_assert_int_eq(doc_parse("y.docx", data, len / 2, &d, err, sizeof err),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "y.docx"));
    free(data);
}
END_TEST

/* ---- PDF: written by hand, Helvetica, two pages ------------------------ */

static char *make_pdf(size_t *len)
{
    static const char *const content[2] = {
        /* body 11 pt with a 7 pt raised marker; a footnote in 8 pt at the
         * bottom whose URL is cut after '-'; a page number */
        "BT /F1 11 Tf 72 770 Td (Trade between the two countries reached "
        "$3.8 billion in 2024) Tj /F1 7 Tf 4 Ts (1) Tj /F1 11 Tf 0 Ts "
        "(. Exports grew) Tj ET\n"
        "BT /F1 11 Tf 72 756 Td (by five percent and the ministry "
        "confirmed the figures in a statement.) Tj ET\n"
        "BT /F1 11 Tf 72 742 Td (Officials said the volume of trade would "
        "keep growing.) Tj ET\n"
        "BT /F1 8 Tf 72 80 Td (1 Caspian Post, Trade tops, 26 Dec 2024. "
        "https://caspianpost.com/economics/trade-) Tj ET\n"
        "BT /F1 8 Tf 72 70 Td (tops-3-8-billion) Tj ET\n"
        "BT /F1 9 Tf 290 40 Td (1) Tj ET\n",
        /* page 2: a hyphenated word at a line end, and a body link */
        "BT /F1 11 Tf 72 770 Td (The rest of the article con-) Tj ET\n"
        "BT /F1 11 Tf 72 756 Td (tinues with the visit of the prime "
        "minister and the agreements.) Tj ET\n"
        "BT /F1 11 Tf 72 742 Td (The agency published the data online for "
        "everyone to read.) Tj ET\n",
    };
    struct {
        unsigned char *b;
        size_t len, cap;
    } o = {0};
    size_t off[12];
    int n = 0;
    char tmp[1024];

#define EMIT(...) do { \
        int k_ = snprintf(tmp, sizeof tmp, __VA_ARGS__); \
        put(&o.b, &o.len, &o.cap, tmp, (size_t)k_); } while (0)
#define OBJ(...) do { off[++n] = o.len; EMIT("%d 0 obj\n", n); \
        EMIT(__VA_ARGS__); EMIT("\nendobj\n"); } while (0)
    EMIT("%%PDF-1.4\n");
    OBJ("<< /Type /Catalog /Pages 2 0 R >>");
    OBJ("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>");
    OBJ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        "<< /Font << /F1 5 0 R >> >> /Contents 6 0 R /Annots [8 0 R] >>");
    OBJ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        "<< /Font << /F1 5 0 R >> >> /Contents 7 0 R /Annots [9 0 R] >>");
    OBJ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        "/Encoding /WinAnsiEncoding >>");
    for (int p = 0; p < 2; p++)
        OBJ("<< /Length %zu >>\nstream\n%sendstream", strlen(content[p]),
            content[p]);
    OBJ("<< /Type /Annot /Subtype /Link /Rect [72 66 400 90] /Border [0 0 0] "
        "/A << /S /URI /URI (https://caspianpost.com/economics/"
        "trade-tops-3-8-billion) >> >>");
    OBJ("<< /Type /Annot /Subtype /Link /Rect [90 738 150 752] /Border "
        "[0 0 0] /A << /S /URI /URI (https://agency.example/data) >> >>");
    {
        size_t xref = o.len;

        EMIT("xref\n0 %d\n0000000000 65535 f \n", n + 1);
        for (int i = 1; i <= n; i++)
            EMIT("%010zu 00000 n \n", off[i]);
        EMIT("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
             n + 1, xref);
    }
#undef OBJ
#undef EMIT
    *len = o.len;
    return (char *)o.b;
}

START_TEST(test_pdf)
{
    size_t len;
    char *data = make_pdf(&len);
    struct doc *d = parse("a.pdf", data, len);
    const struct doc_sentence *s;
    int pl, page;

    ck_assert_int_eq(d->format, DOC_FMT_PDF);
    ck_assert_int_eq(d->npages, 2);
    s = sentence(d, "reached $3.8 billion in 2024.");
    ck_assert_int_eq(s->nlabels, 1);
    ck_assert_str_eq(s->labels[0], "1");
    page = doc_page_line(d, s->line, &pl);
    ck_assert_int_eq(page, 1);
    ck_assert_int_eq(pl, 1);
    ck_assert_ptr_null(strstr(s->text, "Caspian"));
    /* the footnote: its URL joined after the '-' cut, and the link */
    ck_assert_str_eq(ref(d, "1")->url,
                     "https://caspianpost.com/economics/trade-tops-3-8-billion");
    ck_assert_str_eq(ref(d, "1")->date_text, "26 Dec 2024");
    page = doc_page_line(d, ref(d, "1")->line, &pl);
    ck_assert_int_eq(page, 1);
    ck_assert_int_eq(pl, 4);
    /* page 2: the hyphen at the line end is gone; the body link is L1 */
    s = sentence(d, "article continues with");
    page = doc_page_line(d, s->line, &pl);
    ck_assert_int_eq(page, 2);
    ck_assert_int_eq(pl, 1);
    s = sentence(d, "The agency published");
    ck_assert(has_label(s, "L1"));
    ck_assert_str_eq(ref(d, "L1")->url, "https://agency.example/data");
    doc_free(&d);
    free(data);
}
END_TEST

START_TEST(test_pdf_to_text)
{
    size_t len, tlen;
    char *data = make_pdf(&len), *text = NULL;
    char err[CC_ERRLEN] = "";

    ck_assert_int_eq(doc_pdf_to_text(data, len, &text, &tlen, err,
                                     sizeof err), CC_OK);
    ck_assert_uint_eq(strlen(text), tlen);
    /* the raised marker as a superscript digit; lines joined */
    ck_assert_ptr_nonnull(strstr(text, "$3.8 billion in 2024\xc2\xb9. Exports "
                                       "grew by five percent"));
    ck_assert_ptr_nonnull(strstr(text, "article continues with"));
    free(text);
    /* damaged */
    ck_assert_int_eq(doc_pdf_to_text("%PDF-1.4\ngarbage", 16, &text, &tlen,
                                     err, sizeof err), CC_EPARSE);
    ck_assert_ptr_null(text);
    ck_assert(err[0] != '\0');
    free(data);
}
END_TEST

START_TEST(test_damaged_pdf_is_usage_error)
{
    char err[CC_ERRLEN] = "";
    struct doc *d = NULL;

    ck_assert_int_eq(doc_parse("bad.pdf", "%PDF-1.4\n1 0 obj\n", 17, &d, err,
                               sizeof err), CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "bad.pdf"));
    ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_no_body)
{
    char err[CC_ERRLEN] = "";
    struct doc *d = NULL;
    const char *md = "[^1]: Only a note, 2024.\n";

    ck_assert_int_eq(doc_parse("n.md", md, strlen(md), &d, err, sizeof err),
                     CC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(err, "no body text"));
    ck_assert_int_eq(doc_parse("e.html", "<html></html>", 13, &d, err,
                               sizeof err), CC_EUSAGE);
}
END_TEST

/* The plain tree html_doc.c reads: structure, lines, attributes, no
 * comments, text of every kind, and the depth cap. */
START_TEST(test_html_dom)
{
    static const char src[] = "<!doctype html><p id=x CLASS='a b'>Hi"
                              "<!-- c -->\n<b>there</b></p>\n<ul><li>1";
    struct html_dom d;
    bool cut = true;
    int32_t body = -1, p = -1, b, t;
    struct cc_buf deep;

    ck_assert_int_eq(html_dom_parse(src, sizeof src - 1, &d, &cut), CC_OK);
    ck_assert(!cut);
    ck_assert_int_eq(d.n[0].kind, HTML_DOM_DOCUMENT);
    for (size_t i = 0; i < d.nn; i++) {
        if (html_dom_is(&d, (int32_t)i, "body"))
            body = (int32_t)i;
        if (html_dom_is(&d, (int32_t)i, "p"))
            p = (int32_t)i;
    }
    ck_assert_int_ge(body, 0);
    ck_assert_int_eq(d.n[p].parent, body);
    ck_assert_str_eq(html_dom_attr(&d, p, "id"), "x");
    ck_assert_str_eq(html_dom_attr(&d, p, "class"), "a b");
    ck_assert_ptr_null(html_dom_attr(&d, p, "href"));
    t = d.n[p].first;                       /* "Hi", then "\n" (no comment) */
    ck_assert_str_eq(html_dom_text(&d, t), "Hi");
    ck_assert_str_eq(html_dom_text(&d, d.n[t].next), "\n");
    b = d.n[d.n[t].next].next;
    ck_assert(html_dom_is(&d, b, "b"));
    ck_assert_int_eq(d.n[b].line, 2);
    ck_assert_str_eq(html_dom_text(&d, d.n[b].first), "there");
    ck_assert_int_eq(d.n[b].next, HTML_DOM_NONE);
    ck_assert_str_eq(html_dom_name(&d, d.n[b].first), "");
    html_dom_free(&d);

    cc_buf_init(&deep, 1u << 20);
    for (int i = 0; i < HTML_DOM_MAX_DEPTH + 10; i++)
        ck_assert_int_eq(cc_buf_addstr(&deep, "<span>"), CC_OK);
    ck_assert_int_eq(cc_buf_addstr(&deep, "end"), CC_OK);
    ck_assert_int_eq(html_dom_parse(deep.data, deep.len, &d, &cut), CC_OK);
    ck_assert(cut);
    ck_assert_uint_lt(d.nn, HTML_DOM_MAX_DEPTH + 10);
    html_dom_free(&d);
    cc_buf_free(&deep);
}
END_TEST

int main(void)

{
    Suite *s = suite_create("document_formats");
    TCase *tc = tcase_create("formats");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_detect);
    tcase_add_test(tc, test_markdown);
    tcase_add_test(tc, test_markdown_lists_quotes_fences);
    tcase_add_test(tc, test_html);
    tcase_add_test(tc, test_html_legacy_charset);
    tcase_add_test(tc, test_html_dom);
    tcase_add_test(tc, test_docx);
    tcase_add_test(tc, test_docx_errors);
    tcase_add_test(tc, test_pdf);
    tcase_add_test(tc, test_pdf_to_text);
    tcase_add_test(tc, test_damaged_pdf_is_usage_error);
    tcase_add_test(tc, test_no_body);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
