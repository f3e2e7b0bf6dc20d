/*
 * verify/extract_lex.c -- the word lists behind the extractor: lower-casing
 * for Latin and Cyrillic with Uzbek apostrophes dropped, month names and
 * number words in English, Uzbek and Russian, the roles of prepositions
 * and suffixes around years, scale and currency words, and the words that
 * show a number is no count of things.  See extract_int.h.
 */
#include "verify/extract_int.h"

#include <string.h>

static size_t utf8_dec(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c < 0xE0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xE0 && c < 0xF0 && n >= 3 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80) {
        *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    if (c >= 0xF0 && c < 0xF5 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
        *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
              ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

static size_t utf8_enc(unsigned cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool is_apostrophe(unsigned cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == 0x02BB || cp == 0x02BC ||
           cp == '\'' || cp == '`' || cp == 0x00B4;
}

static bool is_space_cp(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == '\f' || cp == 0xA0 || cp == 0x2009 || cp == 0x202F;
}

static unsigned lower_cp(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x48A && cp <= 0x4BF && !(cp & 1))
        return cp + 1;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    return cp;
}

size_t xlex_decode(const char *s, size_t n, unsigned *cp)
{
    return utf8_dec((const unsigned char *)s, n, cp);
}

unsigned xlex_lower_cp(unsigned cp)
{
    return lower_cp(cp);
}

size_t xlex_encode(unsigned cp, char *out)
{
    return utf8_enc(cp, out);
}

bool xlex_is_letter(unsigned cp)
{
    if (cp < 0x80)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x52F);
}

bool xlex_is_upper(unsigned cp)
{
    return xlex_is_letter(cp) && lower_cp(cp) != cp;
}

bool xlex_is_lower(unsigned cp)
{
    return xlex_is_letter(cp) && lower_cp(cp) == cp;
}

size_t xlex_lower(const char *s, size_t n, char *buf, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    bool space = false;

    if (cap == 0)
        return 0;
    while (i < n) {
        unsigned cp;
        char tmp[4];
        size_t k;

        i += utf8_dec(p + i, n - i, &cp);
        if (is_apostrophe(cp))
            continue;
        if (is_space_cp(cp)) {
            space = o > 0;
            continue;
        }
        if (space) {
            if (o + 1 >= cap)
                break;
            buf[o++] = ' ';
            space = false;
        }
        k = utf8_enc(lower_cp(cp), tmp);
        if (o + k >= cap)
            break;
        memcpy(buf + o, tmp, k);
        o += k;
    }
    buf[o] = '\0';
    return o;
}

static bool starts(const char *w, const char *prefix)
{
    return strncmp(w, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *w, const char *suffix)
{
    size_t a = strlen(w), b = strlen(suffix);

    return a >= b && strcmp(w + a - b, suffix) == 0;
}

static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return true;
    return false;
}

static bool prefix_in(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (starts(w, *list))
            return true;
    return false;
}

int xlex_month(const char *s, size_t n)
{
    static const struct { const char *p; int m; } tab[] = {
        {"jan", 1}, {"yan", 1}, {"янв", 1}, {"feb", 2}, {"fev", 2},
        {"фев", 2}, {"mar", 3}, {"мар", 3}, {"apr", 4}, {"апр", 4},
        {"may", 5}, {"ма", 5}, {"jun", 6}, {"iyun", 6}, {"июн", 6},
        {"jul", 7}, {"iyul", 7}, {"июл", 7}, {"aug", 8}, {"avg", 8},
        {"авг", 8}, {"sep", 9}, {"sen", 9}, {"сен", 9}, {"oct", 10},
        {"okt", 10}, {"окт", 10}, {"nov", 11}, {"noy", 11}, {"ноя", 11},
        {"dec", 12}, {"dek", 12}, {"дек", 12}};
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (starts(w, tab[i].p))
            return tab[i].m;
    return 0;
}

int xlex_numword(const char *s, size_t n)
{
    static const struct { const char *w; int v; bool prefix; } tab[] = {
        {"one", 1, false}, {"two", 2, false}, {"three", 3, false},
        {"four", 4, false}, {"five", 5, false}, {"six", 6, false},
        {"seven", 7, false}, {"eight", 8, false}, {"nine", 9, false},
        {"ten", 10, false}, {"eleven", 11, false}, {"twelve", 12, false},
        {"bir", 1, false}, {"ikki", 2, false}, {"uch", 3, false},
        {"tort", 4, false}, {"besh", 5, false}, {"olti", 6, false},
        {"yetti", 7, false}, {"sakkiz", 8, false}, {"toqqiz", 9, false},
        {"on", 10, false}, {"on bir", 11, false}, {"on ikki", 12, false},
        {"бир", 1, false}, {"икки", 2, false}, {"уч", 3, false},
        {"тўрт", 4, false}, {"беш", 5, false}, {"олти", 6, false},
        {"етти", 7, false}, {"саккиз", 8, false}, {"тўққиз", 9, false},
        {"ўн", 10, false}, {"ўн бир", 11, false}, {"ўн икки", 12, false},
        {"одиннадцат", 11, true}, {"двенадцат", 12, true},
        {"один", 1, false}, {"одного", 1, false}, {"два", 2, false},
        {"двух", 2, false}, {"три", 3, false}, {"трех", 3, false},
        {"трёх", 3, false}, {"четыр", 4, true}, {"пят", 5, true},
        {"шест", 6, true}, {"семь", 7, false}, {"семи", 7, false},
        {"восем", 8, true}, {"восьм", 8, true}, {"девят", 9, true},
        {"десят", 10, true}};
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (tab[i].prefix ? starts(w, tab[i].w) : strcmp(w, tab[i].w) == 0)
            return tab[i].v;
    return 0;
}

int xlex_ordinal(const char *s, size_t n)
{
    static const char *const o1[] = {"first", "1st", "birinchi", "биринчи",
                                     "перв", "i", "1", NULL};
    static const char *const o2[] = {"second", "2nd", "ikkinchi", "иккинчи",
                                     "втор", "ii", "2", NULL};
    static const char *const o3[] = {"third", "3rd", "uchinchi", "учинчи",
                                     "трет", "iii", "3", NULL};
    static const char *const o4[] = {"fourth", "4th", "tortinchi",
                                     "тўртинчи", "четверт", "четвёрт",
                                     "iv", "4", NULL};
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    if (in_list(w, o1) || starts(w, "перв"))
        return 1;
    if (in_list(w, o2) || starts(w, "втор"))
        return 2;
    if (in_list(w, o3) || starts(w, "трет"))
        return 3;
    if (in_list(w, o4) || starts(w, "четв"))
        return 4;
    return 0;
}

enum role xlex_prep(const char *s, size_t n)
{
    static const char *const end[] = {
        "by the end of", "at the end of", "by end of", "as of the end of",
        "as of end of", "end of", "к концу", "на конец", "в конце",
        "по итогам", NULL};
    static const char *const deadline[] = {
        "no later than", "by", "until", "till", "through", "до",
        "не позднее", NULL};
    static const char *const base[] = {
        "than", "against", "versus", "vs", "compared to", "compared with",
        "relative to", "in comparison to", "in comparison with",
        "по сравнению с", "относительно", "против", "чем", NULL};
    static const char *const plain[] = {
        "in", "for", "during", "throughout", "of", "the", "as of", "в", "во",
        "за", "на", NULL};
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    if (in_list(w, end))
        return R_END;
    if (in_list(w, deadline))
        return R_DEADLINE;
    if (in_list(w, base))
        return R_BASE;
    if (in_list(w, plain))
        return R_PLAIN;
    if (!strcmp(w, "since") || !strcmp(w, "с") || !strcmp(w, "со"))
        return R_SINCE;
    if (!strcmp(w, "from"))
        return R_FROM;
    if (!strcmp(w, "on"))
        return R_ON;
    if (!strcmp(w, "over"))
        return R_OVER;
    if (!strcmp(w, "к") || !strcmp(w, "ко"))
        return R_K;
    return R_NONE;
}

enum role xlex_suffix_role(const char *s, size_t n)
{
    static const char *const base[] = {"nisbatan", "solishtirganda",
                                       "нисбатан", NULL};
    static const char *const deadline[] = {"borib", "qadar", "бориб",
                                           "қадар", NULL};
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    if (in_list(w, base))
        return R_BASE;
    if (in_list(w, deadline))
        return R_DEADLINE;
    if (starts(w, "yakun") || starts(w, "якун"))
        return R_END;
    /* Uzbek case suffixes of yil/йил: -gacha until, -dan since, dative
     * -ga "by" ("2030-yilga"); everything else (-da, -ning, год, году,
     * годом, ma'lumotlariga) names the period itself */
    if (ends(w, "gacha") || ends(w, "гача"))
        return R_DEADLINE;
    if ((starts(w, "yil") || starts(w, "йил")) &&
        (ends(w, "dan") || ends(w, "дан")))
        return R_SINCE;
    if ((starts(w, "yil") || starts(w, "йил")) &&
        (ends(w, "ga") || ends(w, "га")))
        return R_DEADLINE;
    return R_PLAIN;
}

double xlex_scale(const char *s, size_t n, bool *letter, bool *comma_decimal)
{
    char w[64], c[64];
    size_t k = 0;

    *letter = false;
    *comma_decimal = false;
    xlex_lower(s, n, w, sizeof w);
    for (size_t i = 0; w[i]; i++)        /* "b illion" -> "billion" */
        if (w[i] != ' ' && w[i] != '.')
            c[k++] = w[i];
    c[k] = '\0';
    if (starts(c, "trill") || starts(c, "trln") || starts(c, "трлн") ||
        starts(c, "трил"))
        return 1e12;
    if (starts(c, "milliard") || starts(c, "mlrd") || starts(c, "млрд") ||
        starts(c, "миллиард") || starts(c, "milyard")) {
        *comma_decimal = true;
        return 1e9;
    }
    if (starts(c, "bill") || strcmp(c, "bn") == 0 || strcmp(c, "bln") == 0)
        return 1e9;
    if (strcmp(c, "b") == 0) {
        *letter = true;
        return 1e9;
    }
    if (starts(c, "миллион") || starts(c, "млн") || starts(c, "milyon")) {
        *comma_decimal = true;
        return 1e6;
    }
    if (starts(c, "million") || strcmp(c, "mln") == 0 || strcmp(c, "mn") == 0)
        return 1e6;
    if (strcmp(c, "m") == 0) {
        *letter = true;
        return 1e6;
    }
    if (starts(c, "ming") || starts(c, "минг") || starts(c, "тыс")) {
        *comma_decimal = true;
        return 1e3;
    }
    if (starts(c, "thousand"))
        return 1e3;
    if (strcmp(c, "k") == 0) {
        *letter = true;
        return 1e3;
    }
    return 0;
}

const char *xlex_currency(const char *s, size_t n)
{
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    if (starts(w, "hk$"))
        return "HKD";
    if (starts(w, "a$"))
        return "AUD";
    if (starts(w, "c$"))
        return "CAD";
    if (strstr(w, "dollar") || strstr(w, "доллар") || strstr(w, "долл") ||
        strchr(w, '$') || strcmp(w, "usd") == 0)
        return "USD";
    if (starts(w, "euro") || starts(w, "yevro") || starts(w, "евро") ||
        strcmp(w, "eur") == 0 || strcmp(w, "\xe2\x82\xac") == 0)
        return "EUR";
    if (starts(w, "tenge") || starts(w, "тенге") || starts(w, "теңге") ||
        strcmp(w, "kzt") == 0 || strcmp(w, "\xe2\x82\xb8") == 0)
        return "KZT";
    if (starts(w, "som") || starts(w, "сўм") || starts(w, "сум") ||
        strcmp(w, "uzs") == 0)
        return "UZS";
    if (starts(w, "rubl") || starts(w, "рубл") || starts(w, "руб") ||
        strcmp(w, "rub") == 0 || strcmp(w, "\xe2\x82\xbd") == 0)
        return "RUB";
    if (starts(w, "yuan") || starts(w, "юан") || strcmp(w, "cny") == 0)
        return "CNY";
    if (strcmp(w, "gbp") == 0 || strcmp(w, "\xc2\xa3") == 0)
        return "GBP";
    return NULL;
}

bool xlex_points(const char *s, size_t n)
{
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    return strstr(w, "point") || strstr(w, "пункт") || strstr(w, "punkt") ||
           strcmp(w, "pp") == 0 || starts(w, "p.") || starts(w, "п.");
}

static const char *const unit_exact[] = {
    "km", "kg", "t", "m", "mm", "cm", "ha", "mw", "gw", "kw", "kwh", "mwh",
    "gwh", "sq", "км", "кг", "т", "м", "га", "мвт", "гвт", "квт", "тн", "лет",
    "год", "года", "году", "годы", "день", "час", "часа", "часов", "век",
    "века", "веков", "times", "fold", "marta", "baravar", "раз", "раза",
    "марта", "баравар", NULL};
static const char *const unit_prefix[] = {
    "year", "yr", "month", "week", "day", "hour", "minute", "second",
    "decade", "centur", "yil", "oy", "hafta", "kun", "soat", "daqiqa", "asr",
    "yosh", "год", "месяц", "недел", "дн", "минут", "йил", "ой", "кун",
    "соат", "ёш", "tonn", "ton", "hectar", "gektar", "metr", "meter", "litr",
    "liter", "barrel", "degree", "daraja", "тонн", "гектар", "метр", "литр",
    "баррел", "градус", "percent", "процент", "foiz", "фоиз", "th", NULL};

bool xlex_unit_word(const char *w)
{
    return in_list(w, unit_exact) || prefix_in(w, unit_prefix);
}

bool xlex_not_noun(const char *w)
{
    static const char *const exact[] = {
        "of", "in", "on", "at", "to", "for", "from", "by", "and", "or", "the",
        "a", "an", "with", "as", "is", "are", "was", "were", "be", "been",
        "per", "than", "that", "which", "who", "this", "these", "those",
        "its", "it", "their", "them", "they", "between", "into", "out", "up",
        "down", "over", "under", "about", "more", "less", "plus", "va",
        "bilan", "uchun", "ham", "esa", "bu", "shu", "u", "ular", "dan", "ga",
        "da", "в", "на", "и", "с", "по", "за", "из", "от", "до", "к", "о",
        "у", "а", "но", "ва", "билан", NULL};

    return in_list(w, exact) || xlex_unit_word(w);
}

bool xlex_counter(const char *w)
{
    static const char *const list[] = {"ta", "tadan", "nafar", "nafardan",
                                       "dona", "та", "тадан", "нафар",
                                       "дона", NULL};

    return in_list(w, list);
}

bool xlex_ref_word(const char *w)
{
    static const char *const list[] = {
        "no", "nr", "nos", "p", "pp", "page", "pages", "art", "article",
        "vol", "volume", "chapter", "section", "item", "figure", "fig",
        "table", "part", "issue", "bet", "sahifa", "modda", "moddasi",
        "jadval", "qism", "band", "стр", "с", "ст", "статья", "статьи",
        "пункт", "рис", "таблица", "глава", "том", "№", "#", "§", NULL};

    return in_list(w, list);
}

