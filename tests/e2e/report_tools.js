// tests/e2e/report_tools.js -- the Node.js side of tests/e2e/test_reports.py.
//
//   node report_tools.js sarif SCHEMA.json REPORT.sarif
//       validate REPORT against the SARIF 2.1.0 JSON schema (draft-04, with
//       ajv-draft-04 + ajv-formats); prints {"valid": bool, "errors": [...]}
//   node report_tools.js html REPORT.html SCREENSHOT.png [CHROMIUM]
//       open REPORT in headless Chromium (playwright-core, the Debian
//       chromium binary), record console messages, page errors, requests
//       and dialogs, exercise the filters, save a screenshot; prints JSON
//
// Modules come from NODE_PATH (the test installs them in a git-ignored
// folder).  Exit status 0 when the script ran (the verdict is in the JSON),
// 2 on bad usage or a crash.
'use strict';

const fs = require('fs');

async function sarif(schemaPath, reportPath) {
    const Ajv = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false});
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
    const valid = validate(JSON.parse(fs.readFileSync(reportPath, 'utf8')));
    return {valid: !!valid, errors: (validate.errors || []).slice(0, 20)};
}

async function html(reportPath, shotPath, chromium) {
    const {chromium: pw} = require('playwright-core');
    const browser = await pw.launch({
        executablePath: chromium || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
               '--no-first-run', '--disable-background-networking',
               '--disable-component-update', '--disable-sync'],
    });
    const out = {console: [], pageErrors: [], requests: [], dialogs: []};
    try {
        const page = await browser.newPage({viewport: {width: 1400, height: 1000}});
        const url = 'file://' + require('path').resolve(reportPath);
        page.on('console', m => out.console.push({type: m.type(), text: m.text()}));
        page.on('pageerror', e => out.pageErrors.push(String(e)));
        page.on('request', r => { if (r.url() !== url) out.requests.push(r.url()); });
        page.on('dialog', d => { out.dialogs.push(d.message()); d.dismiss(); });
        await page.goto(url, {waitUntil: 'load'});
        await page.waitForTimeout(200);
        out.title = await page.title();
        out.injected = await page.evaluate(() => window.__citecheck_pwned === true);
        const count = () => page.evaluate(() => ({
            shown: document.querySelectorAll('.finding:not([hidden])').length,
            total: document.querySelectorAll('.finding').length,
            marked: document.querySelectorAll('mark.claim[class*="sev-"]').length,
            marks: document.querySelectorAll('mark.claim').length,
            counter: (document.getElementById('count') || {}).textContent,
            kindsShown: Array.from(new Set(Array.from(
                document.querySelectorAll('.finding:not([hidden])'))
                .map(c => c.dataset.kind))).sort(),
            refsShown: Array.from(new Set(Array.from(
                document.querySelectorAll('.finding:not([hidden])'))
                .map(c => c.dataset.ref))).sort(),
        }));
        out.initial = await count();
        out.scripts = await page.evaluate(() => document.scripts.length);
        await page.evaluate(() => {
            const m = document.querySelector('mark.sev-error') ||
                document.querySelector('mark.claim');
            if (m) m.scrollIntoView({block: 'center'});
        });
        await page.screenshot({path: shotPath, fullPage: false});
        // kind filter: keep only the first kind of the list
        const boxes = await page.$$('input.fk');
        out.kinds = await page.$$eval('input.fk', bs => bs.map(b => b.value));
        for (let i = 1; i < boxes.length; i++) await boxes[i].uncheck();
        out.onlyFirstKind = await count();
        for (let i = 1; i < boxes.length; i++) await boxes[i].check();
        // footnote filter: the second option (the first footnote label)
        const opts = await page.$$eval('#fref option', os => os.map(o => o.value));
        out.refOptions = opts;
        if (opts.length > 1) {
            await page.selectOption('#fref', opts[1]);
            out.onlyFirstRef = await count();
            await page.selectOption('#fref', '*');
        }
        out.restored = await count();
        // clicking a claim shows only its findings
        const mark = await page.$('mark.claim[class*="sev-"]');
        if (mark) {
            out.clickedIds = (await mark.getAttribute('data-f')).split(' ');
            await mark.click();
            out.afterClick = await page.evaluate(() => Array.from(
                document.querySelectorAll('.finding:not([hidden])')).map(c => c.id));
            await page.screenshot({path: shotPath.replace(/\.png$/, '-selected.png')});
            out.selectedCounter = await page.evaluate(
                () => document.getElementById('count').textContent);
            await page.click('aside .showall:not([hidden])');
            out.afterShowAll = await count();
        }
    } finally {
        await browser.close();
    }
    return out;
}

async function main() {
    const [cmd, ...args] = process.argv.slice(2);
    let res;
    if (cmd === 'sarif' && args.length === 2) res = await sarif(args[0], args[1]);
    else if (cmd === 'html' && args.length >= 2) res = await html(args[0], args[1], args[2]);
    else {
        process.stderr.write('usage: report_tools.js sarif SCHEMA REPORT | html REPORT PNG [CHROMIUM]\n');
        process.exit(2);
    }
    process.stdout.write(JSON.stringify(res) + '\n');
}

main().catch(e => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
