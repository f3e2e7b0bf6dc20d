/*
 * db/db_schema.c -- the schema (an array of migrations) and every SQL
 * statement citecheck runs.  Nothing here is formatted at run time.
 */
#include "db/db_int.h"

/* ---- schema ----------------------------------------------------------
 *
 * Migration i (0-based) brings user_version from i to i + 1; its text
 * ends with that bump, so no SQL is formatted at run time.  Never edit a
 * migration that has shipped: append a new one.
 *
 * Conventions: times are unix seconds (INTEGER); dates are ISO text
 * ("YYYY-MM-DD", or "YYYY"/"YYYY-MM" where only that much is known);
 * enums are stored by their names; "no value" is NULL.
 */
const char *const db_migrations[] = {
    /* 1: initial schema */
    "CREATE TABLE runs("
    "  id INTEGER PRIMARY KEY,"
    "  started_at INTEGER NOT NULL,"
    "  finished_at INTEGER,"
    "  command TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'running',"
    "  version TEXT NOT NULL"
    ");"
    "CREATE INDEX runs_started ON runs(started_at);"

    "CREATE TABLE documents("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  path TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL,"
    "  as_of TEXT,"
    "  nlines INTEGER NOT NULL,"
    "  nrefs INTEGER NOT NULL,"
    "  nsentences INTEGER NOT NULL,"
    "  nclaims INTEGER,"
    "  checked_at INTEGER NOT NULL"
    ");"
    "CREATE INDEX documents_run ON documents(run_id);"
    "CREATE INDEX documents_path ON documents(path, checked_at);"

    "CREATE TABLE refs("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  label TEXT NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  url TEXT,"
    "  url_line INTEGER,"
    "  url_error TEXT,"
    "  title TEXT,"
    "  publisher TEXT,"
    "  date_text TEXT,"
    "  date TEXT,"
    "  PRIMARY KEY(doc_id, idx)"
    ");"
    "CREATE INDEX refs_label ON refs(doc_id, label);"
    "CREATE INDEX refs_url ON refs(url);"

    "CREATE TABLE sentences("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  PRIMARY KEY(doc_id, idx)"
    ");"
    /* the footnote labels of a sentence, in order */
    "CREATE TABLE sentence_labels("
    "  doc_id INTEGER NOT NULL,"
    "  sentence_idx INTEGER NOT NULL,"
    "  pos INTEGER NOT NULL,"
    "  label TEXT NOT NULL,"
    "  PRIMARY KEY(doc_id, sentence_idx, pos),"
    "  FOREIGN KEY(doc_id, sentence_idx)"
    "    REFERENCES sentences(doc_id, idx) ON DELETE CASCADE"
    ");"
    "CREATE INDEX sentence_labels_label ON sentence_labels(doc_id, label);"

    /* one row per HTTP exchange; the cache is the latest good row per url */
    "CREATE TABLE fetches("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,"
    "  url TEXT NOT NULL,"
    "  req_etag TEXT,"
    "  req_last_modified TEXT,"
    "  status INTEGER NOT NULL,"
    "  final_url TEXT,"
    "  content_type TEXT,"
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  fetched_at INTEGER NOT NULL,"
    "  elapsed REAL NOT NULL,"
    "  error TEXT,"
    "  body_hash TEXT,"
    "  body BLOB,"
    "  body_len INTEGER NOT NULL"
    ");"
    "CREATE INDEX fetches_url ON fetches(url, fetched_at);"
    "CREATE INDEX fetches_run ON fetches(run_id);"
    "CREATE TABLE fetch_redirects("
    "  fetch_id INTEGER NOT NULL REFERENCES fetches(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  url TEXT NOT NULL,"
    "  PRIMARY KEY(fetch_id, idx)"
    ");"

    "CREATE TABLE pages("
    "  id INTEGER PRIMARY KEY,"
    "  fetch_id INTEGER NOT NULL UNIQUE"
    "    REFERENCES fetches(id) ON DELETE CASCADE,"
    "  url TEXT,"
    "  title TEXT,"
    "  site TEXT,"
    "  author TEXT,"
    "  lang TEXT,"
    "  canonical TEXT,"
    "  published TEXT,"
    "  modified TEXT,"
    "  text TEXT NOT NULL,"
    "  note TEXT,"
    "  parsed_at INTEGER NOT NULL"
    ");"
    /* span_start/span_end: byte span of the figure in the fact text */
    "CREATE TABLE facts("
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  value REAL NOT NULL,"
    "  lo REAL NOT NULL,"
    "  hi REAL NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  qual TEXT NOT NULL,"
    "  change INTEGER NOT NULL,"
    "  change_sign INTEGER NOT NULL,"
    "  target INTEGER NOT NULL,"
    "  deadline_year INTEGER,"
    "  measure TEXT NOT NULL,"
    "  period_start TEXT,"
    "  period_end TEXT,"
    "  base_start TEXT,"
    "  base_end TEXT,"
    "  text TEXT,"
    "  noun TEXT,"
    "  span_start INTEGER NOT NULL,"
    "  span_end INTEGER NOT NULL,"
    "  PRIMARY KEY(page_id, idx)"
    ");"
    "CREATE INDEX facts_unit_period ON facts(unit, period_start);"
    "CREATE TABLE page_dates("
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  text TEXT,"
    "  date TEXT,"
    "  span_start INTEGER NOT NULL,"
    "  span_end INTEGER NOT NULL,"
    "  PRIMARY KEY(page_id, idx)"
    ");"

    "CREATE TABLE findings("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  severity TEXT NOT NULL,"
    "  ref_label TEXT,"
    "  line INTEGER,"
    "  claim_text TEXT,"
    "  value REAL,"
    "  unit TEXT,"
    "  approx INTEGER,"
    "  period_start TEXT,"
    "  period_end TEXT,"
    "  deadline_year INTEGER,"
    "  message TEXT NOT NULL,"
    "  UNIQUE(doc_id, idx)"
    ");"
    "CREATE INDEX findings_run ON findings(run_id);"
    "CREATE INDEX findings_kind ON findings(kind);"
    "CREATE TABLE evidence("
    "  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL,"
    "  ref_label TEXT,"
    "  line INTEGER,"
    "  snippet TEXT,"
    "  value REAL,"
    "  unit TEXT,"
    "  period_start TEXT,"
    "  period_end TEXT,"
    "  deadline_year INTEGER,"
    "  PRIMARY KEY(finding_id, idx)"
    ");"
    "PRAGMA user_version = 1;",

    /* 2: robots.txt cache, one row per robots.txt URL (scheme://host:port
     * /robots.txt); only answers that decide something durable are kept
     * (2xx with its first 500 KiB, 4xx); 304 rows must carry a body to
     * count as cached (db_fetch_lookup) */
    "CREATE TABLE robots("
    "  url TEXT PRIMARY KEY,"
    "  status INTEGER NOT NULL,"
    "  body BLOB,"
    "  fetched_at INTEGER NOT NULL"
    ");"
    "PRAGMA user_version = 2;",
};

const int db_nmigrations =
    (int)(sizeof db_migrations / sizeof db_migrations[0]);

/* ---- statements ------------------------------------------------------ */

const char *const db_stmt_sql[ST_COUNT_] = {
    [ST_BEGIN_READ] = "BEGIN",
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_USER_VERSION] = "PRAGMA user_version",
    /* New files only (a no-op once the file has tables): response bodies
     * of 30-80 KB fill overflow chains, and every page is one write to
     * the WAL and one read and write when checkpointing; 64 KiB pages
     * make that 16 times fewer system calls than the 4 KiB default
     * (bench/fetch.sh: 250,000 pwrite calls for 5,000 pages). */
    [ST_PAGE_SIZE] = "PRAGMA page_size=65536",
    [ST_JOURNAL_WAL] = "PRAGMA journal_mode=WAL",
    [ST_JOURNAL_MODE] = "PRAGMA journal_mode",
    [ST_FK_ON] = "PRAGMA foreign_keys=ON",
    /* WAL + NORMAL: a commit is atomic and survives a crash of citecheck;
     * only a power loss may drop the last commits (never corrupts).  It
     * saves one fdatasync per stored response. */
    [ST_SYNC_NORMAL] = "PRAGMA synchronous=NORMAL",
    /* The default cache (2,000 KiB) is 31 pages of 64 KiB: a batch of
     * responses and pages (bodies and texts of 30-80 KB, overflow chains)
     * pushed the b-tree pages out, and each insert read them back from
     * the WAL (bench/fetch.sh's check: 1 GB of WAL reads for 690 MB
     * written).  16 MiB keeps them. */
    [ST_CACHE_SIZE] = "PRAGMA cache_size=-16384",
    [ST_FK] = "PRAGMA foreign_keys",
    [ST_BUSY] = "PRAGMA busy_timeout",
    [ST_COUNTS] =
        "SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM documents),"
        " (SELECT count(*) FROM refs), (SELECT count(*) FROM sentences),"
        " (SELECT count(*) FROM sentence_labels),"
        " (SELECT count(*) FROM fetches),"
        " (SELECT count(*) FROM fetch_redirects),"
        " (SELECT count(*) FROM pages), (SELECT count(*) FROM facts),"
        " (SELECT count(*) FROM page_dates),"
        " (SELECT count(*) FROM findings), (SELECT count(*) FROM evidence)",
    [ST_RUN_INSERT] =
        "INSERT INTO runs(started_at, command, status, version)"
        " VALUES(:started_at, :command, 'running', :version)",
    [ST_RUN_END] =
        "UPDATE runs SET finished_at = :finished_at, status = :status"
        " WHERE id = :id",
    [ST_RUN_GET] =
        "SELECT started_at, finished_at, command, status, version"
        " FROM runs WHERE id = :id",
    [ST_FETCH_INSERT] =
        "INSERT INTO fetches(run_id, url, req_etag, req_last_modified,"
        " status, final_url, content_type, etag, last_modified, fetched_at,"
        " elapsed, error, body_hash, body, body_len)"
        " VALUES(:run_id, :url, :req_etag, :req_last_modified, :status,"
        " :final_url, :content_type, :etag, :last_modified, :fetched_at,"
        " :elapsed, :error, :body_hash, :body, :body_len)",
    [ST_REDIRECT_INSERT] =
        "INSERT INTO fetch_redirects(fetch_id, idx, url)"
        " VALUES(:fetch_id, :idx, :url)",
    [ST_FETCH_LOOKUP] =
        "SELECT id, status, final_url, content_type, etag, last_modified,"
        " elapsed, body FROM fetches"
        " WHERE url = :url AND error IS NULL AND status > 0"
        " AND (status <> 304 OR body_len > 0)"
        " AND fetched_at >= :min_at"
        " ORDER BY fetched_at DESC, id DESC LIMIT 1",
    [ST_REDIRECT_SELECT] =
        "SELECT url FROM fetch_redirects WHERE fetch_id = :fetch_id"
        " ORDER BY idx",
    [ST_PAGE_DELETE] = "DELETE FROM pages WHERE fetch_id = :fetch_id",
    [ST_PAGE_INSERT] =
        "INSERT INTO pages(fetch_id, url, title, site, author, lang,"
        " canonical, published, modified, text, note, parsed_at)"
        " VALUES(:fetch_id, :url, :title, :site, :author, :lang, :canonical,"
        " :published, :modified, :text, :note, :parsed_at)",
    [ST_FACT_INSERT] =
        "INSERT INTO facts(page_id, idx, kind, value, lo, hi, unit, qual,"
        " change, change_sign, target, deadline_year, measure, period_start,"
        " period_end, base_start, base_end, text, noun, span_start, span_end)"
        " VALUES(:page_id, :idx, :kind, :value, :lo, :hi, :unit, :qual,"
        " :change, :change_sign, :target, :deadline_year, :measure,"
        " :period_start, :period_end, :base_start, :base_end, :text, :noun,"
        " :span_start, :span_end)",
    [ST_DATE_INSERT] =
        "INSERT INTO page_dates(page_id, idx, text, date, span_start,"
        " span_end) VALUES(:page_id, :idx, :text, :date, :span_start,"
        " :span_end)",
    [ST_DOC_INSERT] =
        "INSERT INTO documents(run_id, path, content_hash, as_of, nlines,"
        " nrefs, nsentences, nclaims, checked_at)"
        " VALUES(:run_id, :path, :content_hash, :as_of, :nlines, :nrefs,"
        " :nsentences, :nclaims, :checked_at)",
    [ST_REF_INSERT] =
        "INSERT INTO refs(doc_id, idx, label, line, text, url, url_line,"
        " url_error, title, publisher, date_text, date)"
        " VALUES(:doc_id, :idx, :label, :line, :text, :url, :url_line,"
        " :url_error, :title, :publisher, :date_text, :date)",
    [ST_SENT_INSERT] =
        "INSERT INTO sentences(doc_id, idx, line, text)"
        " VALUES(:doc_id, :idx, :line, :text)",
    [ST_LABEL_INSERT] =
        "INSERT INTO sentence_labels(doc_id, sentence_idx, pos, label)"
        " VALUES(:doc_id, :sentence_idx, :pos, :label)",
    [ST_FINDING_INSERT] =
        "INSERT INTO findings(run_id, doc_id, idx, kind, severity, ref_label,"
        " line, claim_text, value, unit, approx, period_start, period_end,"
        " deadline_year, message)"
        " VALUES(:run_id, :doc_id, :idx, :kind, :severity, :ref_label, :line,"
        " :claim_text, :value, :unit, :approx, :period_start, :period_end,"
        " :deadline_year, :message)",
    [ST_EVIDENCE_INSERT] =
        "INSERT INTO evidence(finding_id, idx, ref_label, line, snippet,"
        " value, unit, period_start, period_end, deadline_year)"
        " VALUES(:finding_id, :idx, :ref_label, :line, :snippet, :value,"
        " :unit, :period_start, :period_end, :deadline_year)",
    /* history and recheck (db_history.c) */
    [ST_H_DOC_PATHS] =
        "SELECT path FROM documents GROUP BY path ORDER BY max(id)",
    [ST_H_DOC_RUNS] =
        "SELECT d.id, d.run_id, d.checked_at, d.content_hash, d.as_of,"
        " d.nclaims,"
        " (SELECT count(*) FROM findings f WHERE f.doc_id = d.id"
        "  AND f.severity = 'info'),"
        " (SELECT count(*) FROM findings f WHERE f.doc_id = d.id"
        "  AND f.severity = 'warning'),"
        " (SELECT count(*) FROM findings f WHERE f.doc_id = d.id"
        "  AND f.severity = 'error'), d.nlines"
        " FROM documents d WHERE d.path = :path AND d.id < :before"
        " ORDER BY d.id DESC LIMIT :lim",
    [ST_H_REFS] =
        "SELECT label, line, text, url, url_line, url_error, title,"
        " publisher, date_text, date FROM refs WHERE doc_id = :doc_id"
        " ORDER BY idx",
    [ST_H_SENTENCES] =
        "SELECT idx, line, text FROM sentences WHERE doc_id = :doc_id"
        " ORDER BY idx",
    [ST_H_LABELS] =
        "SELECT sentence_idx, label FROM sentence_labels"
        " WHERE doc_id = :doc_id ORDER BY sentence_idx, pos",
    [ST_H_FINDINGS] =
        "SELECT kind, severity, ref_label, line, claim_text, value, unit,"
        " message FROM findings WHERE doc_id = :doc_id ORDER BY idx",
    [ST_H_FETCHES] =
        "SELECT id, run_id, fetched_at, status, error, body_hash, final_url"
        " FROM fetches WHERE url = :url ORDER BY id DESC LIMIT :lim",
    /* robots.txt cache and page-change detection (db_robots.c) */
    [ST_ROBOTS_GET] =
        "SELECT status, body FROM robots WHERE url = :url"
        " AND fetched_at >= :min_at",
    [ST_ROBOTS_PUT] =
        "INSERT OR REPLACE INTO robots(url, status, body, fetched_at)"
        " VALUES(:url, :status, :body, :fetched_at)",
    [ST_FETCH_PREV_HASH] =
        "SELECT f.body_hash, p.body_hash,"
        " f.body_hash <> p.body_hash AND f.body IS NOT p.body"
        " FROM fetches f LEFT JOIN fetches p ON p.id = (SELECT q.id"
        "  FROM fetches q"
        "  WHERE q.url = f.url AND q.id < f.id AND q.error IS NULL"
        "  AND q.body_hash IS NOT NULL AND (q.status <> 304 OR q.body_len > 0)"
        "  ORDER BY q.id DESC LIMIT 1)"
        " WHERE f.id = :id",
};

