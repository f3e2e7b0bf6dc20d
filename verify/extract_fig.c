/*
 * verify/extract_fig.c -- one figure of a sentence: its number (decimal
 * comma or point, thousands separators, scale words), unit (currency,
 * percent, count), the counted noun, qualifiers before and after it,
 * whether a percentage is a rate of change, what it measures and whether
 * it is a target.  Periods are bound by extract.c.
 */
#include "verify/extract_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- figures ---------------------------------------------------------- */

static double pow10i(int n)
{
    double v = 1;

    while (n-- > 0)
        v *= 10;
    return v;
}

/* Parse the digits of sp.  The decimal separator: the later of ',' and
 * '.' when both occur; a lone separator followed by other than three
 * digits; a lone '.' before three digits when a scale word or % follows
 * ("1.125 billion"); a lone ',' before three digits only for the words of
 * decimal-comma languages ("1,125 млрд"), else it groups thousands
 * ("6,500 joint ventures"). */
static bool parse_num(const char *t, struct span sp, bool dot_dec,
                      bool comma_dec, double *mant, int *dec)
{
    size_t nsep = 0, last = 0, ncomma = 0, ndot = 0, dsep = (size_t)-1;
    size_t intdigits = 0, after = 0;
    int nd = 0;

    for (size_t i = sp.s; i < sp.e; i++) {
        if (t[i] == ',' || t[i] == '.') {
            nsep++;
            last = i;
            if (t[i] == ',')
                ncomma++;
            else
                ndot++;
        }
    }
    if (ncomma && ndot) {
        dsep = last;
    } else if (nsep == 1) {
        for (size_t i = sp.s; i < last; i++)
            intdigits += xtext_is_digit(t[i]);
        for (size_t i = last + 1; i < sp.e; i++)
            after += xtext_is_digit(t[i]);
        if (after != 3 || intdigits > 3 || t[sp.s] == '0')
            dsep = last;
        else if (t[last] == '.' ? dot_dec : comma_dec)
            dsep = last;
    }
    *mant = 0;
    *dec = 0;
    for (size_t i = sp.s; i < sp.e; i++) {
        if (!xtext_is_digit(t[i]))
            continue;
        if (++nd > 15)
            return false;
        *mant = *mant * 10 + (t[i] - '0');
        if (dsep != (size_t)-1 && i > dsep)
            (*dec)++;
    }
    return nd > 0;
}

static bool suffix_included(const struct ctx *c, struct span sfx)
{
    static const char *const ok[] = {"s", "es", "ов", "а", "ы", "ам", "ами",
                                     "ах", "ей", "и", "я", "ю", "ям", "ях",
                                     "ем", "ом", "е", "у", "ев", NULL};
    char w[16];

    if (!sfx.on || sfx.e == sfx.s)
        return false;
    xlex_lower(c->t + sfx.s, sfx.e - sfx.s, w, sizeof w);
    for (const char *const *p = ok; *p; p++)
        if (strcmp(w, *p) == 0)
            return true;
    return false;
}

static bool ends_with(const char *w, const char *sfx)
{
    size_t a = strlen(w), b = strlen(sfx);

    return a >= b && strcmp(w + a - b, sfx) == 0;
}

/* The Uzbek case of the figure's last word: "-dan" (than: "-dan ortiq"),
 * "-ga" (to: "-ga yaqin", "5% ga"), "-gacha" (up to). */
static void uz_case(const struct ctx *c, struct span sfx, struct fig *f)
{
    char w[32];

    if (!sfx.on || sfx.e == sfx.s)
        return;
    xlex_lower(c->t + sfx.s, sfx.e - sfx.s, w, sizeof w);
    f->gacha = ends_with(w, "gacha") || ends_with(w, "гача");
    f->dan = ends_with(w, "dan") || ends_with(w, "дан");
    f->ga = !f->gacha && (ends_with(w, "ga") || ends_with(w, "га"));
}

/* The token covering pos, or NULL. */
static const struct tok *tok_at(const struct ctx *c, size_t pos)
{
    for (size_t i = 0; i < c->nt; i++)
        if (c->tok[i].start <= pos && pos < c->tok[i].end)
            return &c->tok[i];
    return NULL;
}

/* The counted noun after a count: up to five words, ending at a measure
 * word when one comes ("joint industrial cooperation projects"), else the
 * first word.  Returns 1 with the noun set, 0 when no noun follows, -1
 * when what follows shows the number is no count of things (a unit of
 * time or measure, a capitalised name, a month). */
int xfig_noun(struct ctx *c, struct fig *f, size_t from)
{
    size_t pos = from, ws, we, first_s = 0, first_e = 0;
    int words = 0;
    bool counter_done = false;

    for (int guard = 0; guard < 7; guard++) {
        const struct tok *k;
        char w[64];

        if (!xtext_next_word(c->t, pos, c->e, &ws, &we))
            break;
        xlex_lower(c->t + ws, we - ws, w, sizeof w);
        if (!words && !counter_done && xlex_counter(w)) {
            counter_done = true;
            pos = we;
            continue;
        }
        k = tok_at(c, ws);
        if (k && k->kind == TK_MEASURE) {
            unsigned cp;
            size_t b = f->start;

            while (b > c->s && xtext_is_ws((unsigned char)c->t[b - 1]) &&
                   c->t[b - 1] != '\n')
                b--;
            xlex_decode(c->t + ws, we - ws, &cp);
            /* "19 Trade turnover ..." opening a footnote line */
            if (!words && xlex_is_upper(cp) &&
                (b == c->s || c->t[b - 1] == '\n'))
                return -1;
            if (!words)
                first_s = ws;
            f->noun = true;
            f->noun_s = first_s;
            f->noun_e = k->end > we ? k->end : we;
            f->measure = (enum qty_measure)k->sub;
            f->noun_measure = true;
            return 1;
        }
        if (xlex_not_noun(w) || (k && k->kind != TK_NONE)) {
            if (!words && (xlex_unit_word(w) || (k && k->kind != TK_CONJ &&
                                                 k->kind != TK_QUAL &&
                                                 k->kind != TK_CMP)))
                return -1;
            break;
        }
        if (!words) {
            unsigned cp;

            xlex_decode(c->t + ws, we - ws, &cp);
            if (xlex_is_upper(cp))
                return -1;
            first_s = ws;
            first_e = we;
        }
        words++;
        if (words >= 5)
            break;
        pos = we;
        /* the phrase goes on only across plain spaces */
        if (we < c->e && xtext_space_len(c->t, we, c->e) == 0)
            break;
    }
    if (!words)
        return 0;
    f->noun = true;
    f->noun_s = first_s;
    f->noun_e = first_e;
    return 1;
}

/* Reject numbers that are references, ordinals or parts of codes. */
static bool count_context_ok(const struct ctx *c, const struct tok *k)
{
    size_t a = k->num2.on ? k->num2.e : k->num.e;
    char w[32];

    if (a < c->e) {
        unsigned cp;
        char ch = c->t[a];

        xlex_decode(c->t + a, c->e - a, &cp);
        if (xlex_is_letter(cp) && !k->scale.on)
            return false;                 /* "15Uzbekistan", "5G" */
        if ((ch == '-' || ch == '(' || ch == '/' || ch == '[') &&
            !k->scale.on)
            return false;                 /* "15-mart", "05(03)" */
        if (ch == ':' && a + 1 < c->e && xtext_is_digit(c->t[a + 1]))
            return false;                 /* 10:30 */
        if (ch == ')' && k->start > c->s && c->t[k->start - 1] == '(')
            return false;                 /* "(03)" */
    }
    if (k->start > c->s && strchr("[#", c->t[k->start - 1]))
        return false;
    if (xtext_prev_word(c->t, c->s, k->start, w, sizeof w) && xlex_ref_word(w))
        return false;
    return true;
}

/* Copy the unit name src into unit[0..n) (truncated, NUL-terminated):
 * what snprintf("%s") does, without its cost at every figure. */
static void set_unit(char *unit, size_t n, const char *src)
{
    size_t l = strnlen(src, n - 1);

    memcpy(unit, src, l);
    unit[l] = '\0';
}

/* ---- amounts in words ------------------------------------------------- */

/* Value of an English number word below a thousand ("seven", "forty");
 * -1 when w is none. */
static int small_word(const char *w)
{
    static const char *const units[] = {
        "zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
                                       "sixty", "seventy", "eighty",
                                       "ninety"};

    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(w, units[i]))
            return (int)i;
    for (size_t i = 0; i < sizeof tens / sizeof tens[0]; i++)
        if (!strcmp(w, tens[i]))
            return 20 + 10 * (int)i;
    return -1;
}

/* The next piece of t[*i..e) after spaces and hyphens (a run of letters,
 * digits and '$', else one punctuation byte), lower-cased into w; false
 * at the end. */
static bool next_piece(const char *t, size_t *i, size_t e, char *w,
                       size_t n, size_t *ps)
{
    size_t s;

    while (*i < e && (xtext_is_ws((unsigned char)t[*i]) || t[*i] == '-'))
        (*i)++;
    s = *i;
    while (*i < e && ((unsigned char)t[*i] >= 0x80 ||
                      ((t[*i] | 32) >= 'a' && (t[*i] | 32) <= 'z') ||
                      xtext_is_digit(t[*i]) || t[*i] == '$'))
        (*i)++;
    if (s == *i && *i < e)
        (*i)++;            /* one punctuation character */
    if (s == *i)
        return false;
    *ps = s;
    xlex_lower(t + s, *i - s, w, n);
    return true;
}

/* Cents written after a whole amount: "3 dollars 50 cents", "thirteen
 * dollars and forty-five cents", "15 dollars and 50." (the second number
 * then ends its clause).  Only after a currency word (word = true) do
 * digits count; number words count after a symbol too ("C$ 100 and
 * fifty"). */
static void add_cents(struct ctx *c, struct fig *f, bool word)
{
    size_t i = f->mend, ps, j, save;
    char w[32];
    int n = -1;
    bool digits = false;

    if (f->v != (double)(long long)f->v || f->v > 1e9)
        return;
    i = xtext_skip_space(c->t, i, c->e);
    j = i;
    if (next_piece(c->t, &j, c->e, w, sizeof w, &ps) && !strcmp(w, "and"))
        i = j;
    i = xtext_skip_space(c->t, i, c->e);
    if (i < c->e && xtext_is_digit(c->t[i])) {
        size_t d = i;

        while (d < c->e && xtext_is_digit(c->t[d]))
            d++;
        if (d - i > 2 || !word ||
            (d + 1 < c->e && strchr(".,", c->t[d]) &&
             xtext_is_digit(c->t[d + 1])))
            return;
        n = (c->t[i] - '0') * (d - i == 2 ? 10 : 1) +
            (d - i == 2 ? c->t[i + 1] - '0' : 0);
        i = d;
        digits = true;
    } else {
        j = i;
        while (next_piece(c->t, &j, c->e, w, sizeof w, &ps)) {
            int v = small_word(w);

            if (v < 0 || (n >= 0 && (n % 10 || n < 20 || v >= 10)))
                break;
            n = n < 0 ? v : n + v;
            i = j;
        }
    }
    (void)digits;
    if (n <= 0 || n >= 100)
        return;
    save = i;
    j = i;
    if (next_piece(c->t, &j, c->e, w, sizeof w, &ps) &&
        (!strncmp(w, "cent", 4) || !strncmp(w, "pence", 5) ||
         !strncmp(w, "penn", 4))) {
        size_t we = ps;

        while (we < c->e && ((c->t[we] | 32) >= 'a' && (c->t[we] | 32) <= 'z'))
            we++;
        i = we;
    } else {
        size_t q = xtext_skip_space(c->t, save, c->e);

        if (q < c->e && !strchr(".,;!?)", c->t[q]))
            return;
        if (q + 1 < c->e && c->t[q] == '.' && xtext_is_digit(c->t[q + 1]))
            return;
    }
    f->v += n / 100.0;
    f->lo = f->v - 0.005;
    f->hi = f->v + 0.005;
    f->tend = f->mend = i;
}

/* Money written out: "five million yen", "thirteen dollars", "a quarter
 * million US dollars", "one-yen", "twenty MUSD".  The words before the
 * currency make the value; "a", "half" and "quarter" alone need a scale
 * word after them ("a million dollars", not "a dollar"). */
static bool parse_words(struct ctx *c, const struct tok *k, struct fig *f)
{
    double total = 0, cur = 0, cfac = 1;
    bool art = false, scale = false, prev_num = false, num = false;
    size_t i = k->start, ps = 0;
    const char *iso = NULL;
    char w[32];

    while (next_piece(c->t, &i, k->end, w, sizeof w, &ps)) {
        int v = small_word(w);
        double sc = 0;

        if (v >= 0) {
            cur += v;
            num = prev_num = true;
            continue;
        }
        if (!strcmp(w, "hundred")) {
            cur = (cur > 0 ? cur : 1) * 100;
            num = prev_num = true;
            continue;
        }
        sc = !strcmp(w, "thousand") ? 1e3 : !strcmp(w, "million") ? 1e6
             : !strcmp(w, "billion") ? 1e9 : !strcmp(w, "trillion") ? 1e12
                                                                   : 0;
        if (sc > 0) {
            total += (cur > 0 ? cur : 1) * sc;
            cur = 0;
            scale = num = true;
            prev_num = false;
            continue;
        }
        if (!strcmp(w, "a") || !strcmp(w, "an") || !strcmp(w, "and")) {
            art = art || w[0] == 'a';
            prev_num = false;
            continue;
        }
        if (!strcmp(w, "half")) {
            cur += 0.5;
            prev_num = false;
            continue;
        }
        if (!strcmp(w, "quarter") || !strcmp(w, "quarters")) {
            cur = prev_num && cur > 0 ? cur * 0.25 : cur + 0.25;
            prev_num = false;
            continue;
        }
        iso = xlex_currency(c->t + ps, k->end - ps, &cfac);
        break;
    }
    (void)art;
    if (!iso || total + cur <= 0 || (!num && !scale))
        return false;
    f->kind = QTY_MONEY;
    f->cur = true;
    f->scale = scale || cfac > 1;
    f->mult = cfac;
    f->v = (total + cur) * cfac;
    f->lo = f->hi = f->v;
    set_unit(f->unit, sizeof f->unit, iso);
    f->tend = f->mend = k->end;
    if (!f->scale && cfac == 1)
        add_cents(c, f, true);
    return true;
}

bool xfig_parse(struct ctx *c, size_t ti, struct fig *f)
{
    const struct tok *k = &c->tok[ti];
    double m1, m2 = 0, step, cfac = 1;
    int d1, d2 = 0;
    bool comma_dec = false;
    const char *iso = NULL;

    memset(f, 0, sizeof *f);
    f->ti = ti;
    f->start = k->start;
    f->mend = k->end;
    f->mult = 1;
    if (k->sub == 1)
        return parse_words(c, k, f);
    if (k->scale.on) {
        f->mult = xlex_scale(c->t + k->scale.s, k->scale.e - k->scale.s,
                             &f->letter, &comma_dec);
        f->scale = f->mult > 0;
        if (!f->scale)
            f->mult = 1;
    }
    f->pct = k->pct.on;
    if (k->cpre.on)
        iso = xlex_currency(c->t + k->cpre.s, k->cpre.e - k->cpre.s, &cfac);
    else if (k->cur.on)
        iso = xlex_currency(c->t + k->cur.s, k->cur.e - k->cur.s, &cfac);
    f->cur = iso != NULL;
    if (f->cur && cfac != 1) {
        f->mult *= cfac;           /* "50 cents" = 0.50; "30 MUSD" */
        f->scale = f->scale || cfac > 1;
    }
    if (f->letter) {
        /* "$1.4b", "$5m", "$10k": attached, and only with a currency */
        size_t ne = k->num2.on ? k->num2.e : k->num.e;

        if (k->scale.s != ne || !f->cur)
            return false;
    }
    if (!parse_num(c->t, k->num, f->scale || f->pct, comma_dec, &m1, &d1))
        return false;
    if (k->num2.on) {
        if (!f->scale && !f->pct && !f->cur)
            return false;                 /* "20–24": pages, not a range */
        if (!parse_num(c->t, k->num2, f->scale || f->pct, comma_dec, &m2,
                       &d2))
            return false;
        f->range = true;
    }
    step = f->mult / pow10i(d1);
    f->v = m1 * f->mult / pow10i(d1);
    f->lo = f->v - step / 2;
    f->hi = f->v + step / 2;
    if (f->range) {
        double v2 = m2 * f->mult / pow10i(d2), s2 = f->mult / pow10i(d2);

        if (v2 <= f->v)
            return false;
        f->hi = v2 + s2 / 2;
        f->v = (f->v + v2) / 2;
    }
    if (f->pct) {
        f->kind = QTY_PERCENT;
        set_unit(f->unit, sizeof f->unit,
                 xlex_points(c->t + k->pct.s, k->pct.e - k->pct.s) ? "pp"
                                                                  : "percent");
        f->tend = suffix_included(c, k->psfx) ? k->psfx.e : k->pct.e;
        uz_case(c, k->psfx, f);
    } else if (f->cur) {
        f->kind = QTY_MONEY;
        set_unit(f->unit, sizeof f->unit, iso);
        if (k->cur.on && k->scale.on && k->scale.s > k->cur.s) {
            /* "75 USD million" */
            f->tend = suffix_included(c, k->ssfx) ? k->ssfx.e : k->scale.e;
            uz_case(c, k->ssfx, f);
        } else if (k->cur.on) {
            f->tend = suffix_included(c, k->csfx) ? k->csfx.e : k->cur.e;
            uz_case(c, k->csfx, f);
        } else if (k->scale.on) {
            f->tend = suffix_included(c, k->ssfx) ? k->ssfx.e : k->scale.e;
            uz_case(c, k->ssfx, f);
        } else {
            /* also a scale inside a prefix code: "mUSD 1,5" */
            f->tend = k->num2.on ? k->num2.e : k->num.e;
        }
    } else {
        f->kind = QTY_COUNT;
        set_unit(f->unit, sizeof f->unit, "count");
        if (f->scale) {
            f->tend = suffix_included(c, k->ssfx) ? k->ssfx.e : k->scale.e;
            uz_case(c, k->ssfx, f);
        } else {
            f->tend = k->num2.on ? k->num2.e : k->num.e;
            f->mend = f->tend;
        }
        if (!count_context_ok(c, k))
            return false;
    }
    /* "US$ 3.8 bn." ends at "bn": an abbreviation's dot stays out */
    while (!f->pct && f->tend > f->start + 1 && c->t[f->tend - 1] == '.' &&
           f->tend > (k->num2.on ? k->num2.e : k->num.e))
        f->tend--;
    if (f->tend <= f->start || f->tend > c->e)
        return false;           /* never a span outside its sentence */
    if (k->sign.on) {
        f->csign = c->t[k->sign.s] == '+' ? 1 : -1;
        f->change = f->pct;
        if (!f->pct && f->csign < 0)
            return false;
    }
    if (k->qsym.on) {
        unsigned cp;

        xlex_decode(c->t + k->qsym.s, k->qsym.e - k->qsym.s, &cp);
        f->qual = (cp == '~' || cp == 0x2248) ? QQ_APPROX
                  : (cp == '<' || cp == 0x2264) ? QQ_UNDER
                                                : QQ_OVER;
    }
    if (f->kind == QTY_MONEY && !f->scale && !f->range && cfac == 1)
        add_cents(c, f, k->cur.on);
    return true;
}

/* ---- qualifiers, change, measure, target ------------------------------ */

void xfig_qualify(struct ctx *c, struct fig *f)
{
    static const char *const pre_gap[] = {"на", "by", "of", "at", NULL};
    static const char *const dan[] = {"dan", "дан", NULL};
    static const char *const ga[] = {"ga", "га", NULL};
    const struct tok *k = &c->tok[f->ti];
    size_t ti = f->ti;

    if (!f->qual && ti > 0 && c->tok[ti - 1].kind == TK_QUAL &&
        xtext_gap_ok(c, c->tok[ti - 1].end, k->start, pre_gap, NULL))
        f->qual = (enum qty_qual)c->tok[ti - 1].sub;
    if (ti + 1 < c->nt && c->tok[ti + 1].kind == TK_PQUAL) {
        const struct tok *p = &c->tok[ti + 1];
        enum qty_qual q = QQ_EXACT;

        switch (p->sub) {
        case PQ_OVER_DAN:
        case PQ_UNDER_DAN:
            if (f->dan ? xtext_gap_ok(c, f->mend, p->start, NULL, NULL)
                       : xtext_gap_ok(c, f->mend, p->start, dan, NULL))
                q = p->sub == PQ_OVER_DAN ? QQ_OVER : QQ_UNDER;
            break;
        case PQ_NEARLY_GA:
            if (f->ga ? xtext_gap_ok(c, f->mend, p->start, NULL, NULL)
                      : xtext_gap_ok(c, f->mend, p->start, ga, NULL))
                q = QQ_NEARLY;
            break;
        default:
            if (xtext_gap_ok(c, f->mend, p->start, NULL, NULL))
                q = p->sub == PQ_APPROX ? QQ_APPROX : QQ_OVER;
            break;
        }
        if (q != QQ_EXACT) {
            if (!f->qual)
                f->qual = q;
            f->mend = p->end;
        }
    }
    /* "5 milliard dollardan oshdi": more than; "-dan kamaydi": less */
    if (!f->qual && f->dan && ti + 1 < c->nt &&
        c->tok[ti + 1].kind == TK_CHANGE &&
        xtext_gap_ok(c, f->mend, c->tok[ti + 1].start, NULL, NULL))
        f->qual = c->tok[ti + 1].sub > 0 ? QQ_OVER : QQ_UNDER;
    if (!f->qual && f->mend < c->e && c->t[f->mend] == '+')
        f->qual = QQ_OVER;                /* "6,500+" */
}

static size_t dist(const struct fig *f, const struct tok *k)
{
    return k->end <= f->start ? f->start - k->end : k->start - f->mend;
}

/* Is the percentage a level reached ("rose to 12%", "вырос до 12%",
 * "12 foizgacha"), not a rate of change? */
static bool level_reached(const struct ctx *c, const struct fig *f,
                          const struct tok *chg)
{
    const struct tok *q = f->ti > 0 ? &c->tok[f->ti - 1] : NULL;
    char w[32];

    if (f->gacha)
        return true;
    if (!f->qual && xtext_prev_word(c->t, c->s, f->start, w, sizeof w) &&
        !strcmp(w, "to"))
        return true;
    if (q && q->kind == TK_QUAL && q->sub == QQ_UNDER && chg &&
        xtext_gap_ok(c, q->end, f->start, NULL, NULL)) {
        xlex_lower(c->t + q->start, q->end - q->start, w, sizeof w);
        return !strcmp(w, "до") || !strcmp(w, "up to");
    }
    return false;
}

/* Change and its sign for a percentage, from the nearest change word of
 * its clause (chg, may be NULL), "на"/"by" before it, Uzbek "-ga" after it
 * ("5% ga"), or "more/less than", "больше/меньше" right after it. */
static void rate_of(const struct ctx *c, struct fig *f, const struct tok *chg)
{
    const struct tok *after = f->ti + 1 < c->nt ? &c->tok[f->ti + 1] : NULL;
    char w[32];
    size_t ws, we;

    if (level_reached(c, f, chg)) {
        f->change = false;
        if (f->qual == QQ_UNDER)
            f->qual = QQ_EXACT;
        return;
    }
    if (f->ga ||
        (xtext_next_word(c->t, f->mend, c->e, &ws, &we) &&
         ((we - ws == 2 && !strncasecmp(c->t + ws, "ga", 2)) ||
          (we - ws == 4 && !strncmp(c->t + ws, "га", 4)))))
        f->change = true;
    if (xtext_prev_word(c->t, c->s, f->start, w, sizeof w) &&
        (!strcmp(w, "на") || !strcmp(w, "by")))
        f->change = true;
    if (chg) {
        f->change = true;
        if (!f->csign)
            f->csign = chg->sub;
    }
    if (after && after->kind == TK_QUAL &&
        (after->sub == QQ_OVER || after->sub == QQ_UNDER) &&
        xtext_gap_ok(c, f->mend, after->start, NULL, ",")) {
        f->change = true;
        if (!chg && !f->csign)
            f->csign = after->sub == QQ_OVER ? 1 : -1;
    }
}

/* Measure: a measure word in the figure's clause, the closest one (before
 * or after); else, for money and rates, the nearest before it in the
 * sentence.  A count with a noun measures what its noun says. */
void xfig_words(struct ctx *c, struct fig *f)
{
    size_t cl = xtext_clause_of(c, f->start);
    size_t best = (size_t)-1, bestc = (size_t)-1;
    const struct tok *meas = NULL, *chg = NULL;
    bool meas_here = false;
    bool use_meas = !f->noun_measure && !(f->kind == QTY_COUNT && f->noun);

    for (size_t i = 0; i < c->nt; i++) {
        const struct tok *k = &c->tok[i];
        bool same = xtext_clause_of(c, k->start) == cl;

        if (k->kind == TK_TARGET && same)
            f->target = true;
        if (k->kind == TK_CHANGE && same && dist(f, k) < bestc) {
            chg = k;
            bestc = dist(f, k);
        }
        if (k->kind != TK_MEASURE || !use_meas)
            continue;
        if (same && (!meas_here || dist(f, k) < best)) {
            meas = k;
            meas_here = true;
            best = dist(f, k);
        } else if (!same && !meas_here && k->end <= f->start &&
                   f->kind != QTY_COUNT) {
            meas = k;
        }
    }
    if (meas)
        f->measure = (enum qty_measure)meas->sub;
    if (f->kind == QTY_PERCENT)
        rate_of(c, f, chg);
}

/* If no currency is written but a scaled amount shares the sentence with
 * money ("exports of $1.3 billion and imports of 2.5 billion"), it is in
 * that currency. */
void xfig_currency(struct ctx *c, struct fig *f)
{
    const struct fig *best = NULL;
    size_t bd = (size_t)-1;

    if (f->kind != QTY_COUNT || f->noun || f->mult < 1e6)
        return;
    for (size_t i = 0; i < c->nf; i++) {
        const struct fig *o = &c->fig[i];
        size_t d = o->start > f->start ? o->start - f->start
                                       : f->start - o->start;

        if (o->kind == QTY_MONEY && d < bd) {
            best = o;
            bd = d;
        }
    }
    if (best) {
        f->kind = QTY_MONEY;
        memcpy(f->unit, best->unit, sizeof f->unit);
    }
}

