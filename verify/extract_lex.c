/*
 * verify/extract_lex.c -- the word lists behind the extractor: lower-casing
 * for Latin and Cyrillic with Uzbek apostrophes dropped, month names and
 * number words in English, Uzbek and Russian, the roles of prepositions
 * and suffixes around years, scale and currency words, and the words that
 * show a number is no count of things.  See extract_int.h.
 */
#include "verify/extract_int.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

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

        if (p[i] > 0x20 && p[i] < 0x80 && p[i] != '\'' && p[i] != '`') {
            /* plain ASCII, the common case: no decoding */
            if (space) {
                if (o + 1 >= cap)
                    break;
                buf[o++] = ' ';
                space = false;
            }
            if (o + 1 >= cap)
                break;
            buf[o++] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
            i++;
            continue;
        }
        if (p[i] >= 0xC2 && p[i] < 0xE0 && i + 1 < n &&
            (p[i + 1] & 0xC0) == 0x80) {
            /* two bytes (Cyrillic, Latin-1): utf8_dec inline */
            cp = ((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
            i += 2;
        } else {
            i += utf8_dec(p + i, n - i, &cp);
        }
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

/* The word lists below are searched by plain loops: comparing the first
 * two bytes before calling strcmp/strncmp makes a miss (nearly every
 * entry) cost a compare or two, Cyrillic words (one lead byte) too. */
static bool starts(const char *w, const char *prefix)
{
    if (prefix[0] == '\0')
        return true;
    if (w[0] != prefix[0])
        return false;
    if (prefix[1] == '\0')
        return true;
    return w[1] == prefix[1] && strncmp(w, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *w, const char *suffix)
{
    size_t a = strlen(w), b = strlen(suffix);

    return a >= b && strcmp(w + a - b, suffix) == 0;
}

static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (w[0] == (*list)[0] && (w[0] == '\0' || w[1] == (*list)[1]) &&
            strcmp(w, *list) == 0)
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
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    return xlex_month_w(w);
}

int xlex_month_w(const char *w)
{
    static const struct { const char *p; int m; } tab[] = {
        {"jan", 1}, {"yan", 1}, {"янв", 1}, {"feb", 2}, {"fev", 2},
        {"фев", 2}, {"mar", 3}, {"мар", 3}, {"apr", 4}, {"апр", 4},
        {"may", 5}, {"ма", 5}, {"jun", 6}, {"iyun", 6}, {"июн", 6},
        {"jul", 7}, {"iyul", 7}, {"июл", 7}, {"aug", 8}, {"avg", 8},
        {"авг", 8}, {"sep", 9}, {"sen", 9}, {"сен", 9}, {"oct", 10},
        {"okt", 10}, {"окт", 10}, {"nov", 11}, {"noy", 11}, {"ноя", 11},
        {"dec", 12}, {"dek", 12}, {"дек", 12}};

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
    char w[64];

    xlex_lower(s, n, w, sizeof w);
    return xlex_scale_w(w, letter, comma_decimal);
}

double xlex_scale_w(const char *w, bool *letter, bool *comma_decimal)
{
    char c[96];
    size_t k = 0;

    *letter = false;
    *comma_decimal = false;
    for (size_t i = 0; w[i] && k + 1 < sizeof c; i++)   /* "b illion" */
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
    if (starts(c, "lakh") || strcmp(c, "lac") == 0)
        return 1e5;                       /* Indian numbering */
    if (starts(c, "crore"))
        return 1e7;
    if (strcmp(c, "k") == 0) {
        *letter = true;
        return 1e3;
    }
    return 0;
}

/* Currency names, most specific first: a key matches when the compacted
 * lower-case text (spaces and dots dropped) starts with it; symbols and
 * codes must match whole.  factor converts to the main unit (cents,
 * pence: 0.01). */
static const struct cur_name {
    const char *key;
    const char *iso;
    double factor;
    bool whole;
} cur_names[] = {
    /* written before a number: "C$", "HK$", "US$", "Mex$" */
    {"us$", "USD", 1, true}, {"usd$", "USD", 1, true},
    {"us", "USD", 1, true}, {"hk$", "HKD", 1, true},
    {"hkd$", "HKD", 1, true}, {"c$", "CAD", 1, true},
    {"ca$", "CAD", 1, true}, {"can$", "CAD", 1, true},
    {"cdn$", "CAD", 1, true}, {"cad$", "CAD", 1, true},
    {"a$", "AUD", 1, true}, {"au$", "AUD", 1, true},
    {"aud$", "AUD", 1, true}, {"nz$", "NZD", 1, true},
    {"nzd$", "NZD", 1, true}, {"s$", "SGD", 1, true},
    {"sgd$", "SGD", 1, true}, {"nt$", "TWD", 1, true},
    {"r$", "BRL", 1, true}, {"mex$", "MXN", 1, true},
    {"mx$", "MXN", 1, true}, {"mxn$", "MXN", 1, true},
    {"$", "USD", 1, true}, {"\xe2\x82\xac", "EUR", 1, true},
    {"\xc2\xa3", "GBP", 1, true}, {"\xe2\x82\xb8", "KZT", 1, true},
    {"\xe2\x82\xbd", "RUB", 1, true}, {"\xc2\xa5", "JPY", 1, true},
    {"\xe5\x86\x86", "JPY", 1, true}, {"\xe5\x85\x83", "CNY", 1, true},
    {"\xe2\x82\xb9", "INR", 1, true}, {"\xe2\x82\xa9", "KRW", 1, true},
    {"\xe2\x82\xba", "TRY", 1, true}, {"\xe2\x82\xb4", "UAH", 1, true},
    {"\xe2\x82\xa1", "CRC", 1, true}, {"\xe2\x82\xbe", "GEL", 1, true},
    {"\xe2\x82\xad", "LAK", 1, true}, {"\xe2\x82\xa6", "NGN", 1, true},
    {"\xe2\x82\xb1", "PHP", 1, true}, {"\xe0\xb8\xbf", "THB", 1, true},
    {"\xe2\x82\xaa", "ILS", 1, true}, {"\xe2\x82\xab", "VND", 1, true},
    {"\xe2\x82\xbc", "AZN", 1, true},
    {"\xe0\xae\xb0\xe0\xaf\x82", "LKR", 1, true},   /* Tamil "ரூ" */
    {"rmb", "CNY", 1, true}, {"rs", "INR", 1, true},
    {"soum", "UZS", 1, false},
    /* words, with the adjective that names the country */
    {"canadiandollar", "CAD", 1, false}, {"australiandollar", "AUD", 1, false},
    {"newzealanddollar", "NZD", 1, false}, {"hongkongdollar", "HKD", 1, false},
    {"singaporedollar", "SGD", 1, false}, {"taiwandollar", "TWD", 1, false},
    {"taiwanesedollar", "TWD", 1, false}, {"mexicanpeso", "MXN", 1, false},
    {"argentinepeso", "ARS", 1, false}, {"argentinianpeso", "ARS", 1, false},
    {"chileanpeso", "CLP", 1, false}, {"colombianpeso", "COP", 1, false},
    {"philippinepeso", "PHP", 1, false}, {"swissfranc", "CHF", 1, false},
    {"frenchfranc", "FRF", 1, false}, {"belgianfranc", "BEF", 1, false},
    {"chineseyuan", "CNY", 1, false}, {"japaneseyen", "JPY", 1, false},
    {"britishpound", "GBP", 1, false}, {"turkishlira", "TRY", 1, false},
    {"italianlira", "ITL", 1, false}, {"indianrupee", "INR", 1, false},
    {"pakistanirupee", "PKR", 1, false}, {"srilankanrupee", "LKR", 1, false},
    {"nepaleserupee", "NPR", 1, false}, {"finnishmarkka", "FIM", 1, false},
    {"dutchguilder", "NLG", 1, false}, {"germanmark", "DEM", 1, false},
    {"deutschemark", "DEM", 1, false}, {"deutschmark", "DEM", 1, false},
    {"southafricanrand", "ZAR", 1, false}, {"brazilianreal", "BRL", 1, false},
    {"koreanwon", "KRW", 1, false}, {"southkoreanwon", "KRW", 1, false},
    {"swedishkron", "SEK", 1, false}, {"norwegiankron", "NOK", 1, false},
    {"danishkron", "DKK", 1, false}, {"czechkorun", "CZK", 1, false},
    {"polishzlot", "PLN", 1, false}, {"kyrgyzsom", "KGS", 1, false},
    {"russianrubl", "RUB", 1, false}, {"russianruble", "RUB", 1, false},
    {"kazakhtenge", "KZT", 1, false}, {"kazakhstanitenge", "KZT", 1, false},
    {"uzbeksom", "UZS", 1, false}, {"uzbekistanisom", "UZS", 1, false},
    {"euroc", "EUR", 0.01, false}, {"eurocent", "EUR", 0.01, false},
    {"dollar", "USD", 1, false}, {"доллар", "USD", 1, false},
    {"долл", "USD", 1, false}, {"euro", "EUR", 1, false},
    {"yevro", "EUR", 1, false}, {"евро", "EUR", 1, false},
    {"tenge", "KZT", 1, false}, {"тенге", "KZT", 1, false},
    {"теңге", "KZT", 1, false}, {"som", "UZS", 1, false},
    {"сўм", "UZS", 1, false}, {"сум", "UZS", 1, false},
    {"rubl", "RUB", 1, false}, {"ruble", "RUB", 1, false},
    {"rouble", "RUB", 1, false}, {"рубл", "RUB", 1, false},
    {"руб", "RUB", 1, false}, {"yuan", "CNY", 1, false},
    {"юан", "CNY", 1, false}, {"renminbi", "CNY", 1, false},
    {"yen", "JPY", 1, false}, {"иен", "JPY", 1, false},
    {"йен", "JPY", 1, false}, {"iyen", "JPY", 1, false},
    {"yena", "JPY", 1, false}, {"pound", "GBP", 1, false},
    {"funt", "GBP", 1, false}, {"фунт", "GBP", 1, false},
    {"sterling", "GBP", 1, false}, {"pence", "GBP", 0.01, false},
    {"penny", "GBP", 0.01, false}, {"pennies", "GBP", 0.01, false},
    {"cent", "USD", 0.01, false}, {"цент", "USD", 0.01, false},
    {"sent", "USD", 0.01, false}, {"franc", "CHF", 1, false},
    {"frank", "CHF", 1, false}, {"франк", "CHF", 1, false},
    {"peso", "MXN", 1, false}, {"песо", "MXN", 1, false},
    {"rupee", "INR", 1, false}, {"rupiy", "INR", 1, false},
    {"рупи", "INR", 1, false}, {"lira", "TRY", 1, false},
    {"lire", "TRY", 1, false}, {"лир", "TRY", 1, false},
    {"markka", "FIM", 1, false}, {"markkaa", "FIM", 1, false},
    {"guilder", "NLG", 1, false}, {"gulden", "NLG", 1, false},
    {"peseta", "ESP", 1, false}, {"reais", "BRL", 1, false},
    {"zloty", "PLN", 1, false}, {"złot", "PLN", 1, false},
    {"hryvn", "UAH", 1, false}, {"гривн", "UAH", 1, false},
    {"manat", "AZN", 1, false}, {"манат", "AZN", 1, false},
    {"lari", "GEL", 1, false}, {"лари", "GEL", 1, false},
    {"riyal", "SAR", 1, false}, {"риал", "SAR", 1, false},
    {"dirham", "AED", 1, false}, {"дирхам", "AED", 1, false},
    {"dinar", "KWD", 1, false}, {"динар", "KWD", 1, false},
    {"shekel", "ILS", 1, false}, {"шекел", "ILS", 1, false},
    {"baht", "THB", 1, false}, {"ringgit", "MYR", 1, false},
    {"rupiah", "IDR", 1, false}, {"naira", "NGN", 1, false},
    {"somoni", "TJS", 1, false}, {"сомони", "TJS", 1, false},
    {"colón", "CRC", 1, false}, {"colones", "CRC", 1, false},
    {"krona", "SEK", 1, false}, {"kronor", "SEK", 1, false},
    {"krone", "NOK", 1, false}, {"kroner", "NOK", 1, false},
};

/* ISO 4217 codes read as currencies (upper or lower case). */
static const char *const iso_codes[] = {
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD",
    "SGD", "INR", "PKR", "LKR", "TRY", "MXN", "BRL", "ZAR", "SEK", "NOK",
    "DKK", "PLN", "CZK", "HUF", "KRW", "TWD", "THB", "MYR", "IDR", "PHP",
    "VND", "AED", "SAR", "QAR", "KWD", "EGP", "NGN", "ILS", "UAH", "KZT",
    "UZS", "RUB", "KGS", "TJS", "TMT", "AZN", "GEL", "AMD", "BYN", "RON",
    "BGN", "ARS", "CLP", "COP", NULL};

#define NCUR (sizeof cur_names / sizeof cur_names[0])

/* cur_names by the start of the key, in table order: cur_head[b] is the
 * first entry in bucket b (+1; 0 none), cur_chain[i] the next one in the
 * bucket of entry i (+1).  An ASCII start is its own bucket; a character
 * beyond ASCII (two bytes at least) is bucketed by its first two bytes,
 * so that the Cyrillic names, which share a lead byte, do not all land
 * in one.  A key can only match text in its own bucket.  Built once. */
static unsigned short cur_head[256], cur_chain[NCUR];
static pthread_once_t cur_once = PTHREAD_ONCE_INIT;

static unsigned char cur_bucket(const char *w)
{
    unsigned char b0 = (unsigned char)w[0];

    if (b0 < 0x80)
        return b0;
    return (unsigned char)(0x80 |
                           ((b0 * 31u + (unsigned char)w[1]) & 0x7Fu));
}

static void cur_index(void)
{
    for (size_t i = NCUR; i-- > 0;) {
        unsigned char b = cur_bucket(cur_names[i].key);

        cur_chain[i] = cur_head[b];
        cur_head[b] = (unsigned short)(i + 1);
    }
}

const char *xlex_currency(const char *s, size_t n, double *factor)
{
    char w[96];

    xlex_lower(s, n, w, sizeof w);
    return xlex_currency_w(w, factor);
}

const char *xlex_currency_w(const char *w, double *factor)
{
    char c[96];
    size_t k = 0;

    *factor = 1;
    for (size_t i = 0; w[i] && k + 1 < sizeof c; i++)   /* "hk $" -> "hk$" */
        if (w[i] != ' ' && w[i] != '.')
            c[k++] = w[i];
    c[k] = '\0';
    /* "MUSD", "meur": millions of the currency */
    if (k == 4 && c[0] == 'm') {
        for (const char *const *p = iso_codes; *p; p++)
            if (!strncasecmp(c + 1, *p, 3)) {
                *factor = 1e6;
                return *p;
            }
    }
    if (k == 3)
        for (const char *const *p = iso_codes; *p; p++)
            if (((unsigned char)c[0] | 32) == ((unsigned char)(*p)[0] | 32) &&
                !strcasecmp(c, *p))
                return *p;
    pthread_once(&cur_once, cur_index);
    for (size_t i = cur_head[cur_bucket(c)]; i; i = cur_chain[i - 1]) {
        const struct cur_name *e = &cur_names[i - 1];

        if (e->whole ? strcmp(c, e->key) == 0 : starts(c, e->key)) {
            *factor = e->factor;
            return e->iso;
        }
    }
    /* "US dollars", "AQSh dollari", "доллар США": any other dollar word */
    if (strstr(c, "dollar") || strstr(c, "доллар"))
        return "USD";
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
    "баррел", "градус", "percent", "процент", "foiz", "фоиз", "th",
    "basis", "bps", "базисн", NULL};

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

