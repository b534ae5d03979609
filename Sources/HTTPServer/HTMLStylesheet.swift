/// The one stylesheet of every HTML page the server renders (issue #19: one look for the admin
/// center, the sign-in and consent page, refusal pages and any page added later). Inlined by
/// `HTMLDocument`, so pages work offline with `default-src 'none'` (CSP Level 3 §6.1): no fonts,
/// images or scripts are fetched.
///
/// The class names are the contract with the layers above:
/// - shells: `.shell` (sidebar `nav.side` + `main.content`) and `header.top` + `main.narrow`;
/// - blocks: `.card`, `.lead`, `.crumbs`, `.tabs`, `.table-scroll` (wide data tables scroll inside
///   it, never the page), `table.stack` (`HTMLTable`: under 760 px each row is a card, its first
///   cell the title, every cell captioned by its `data-label`, long values wrapping anywhere; WCAG
///   2.1 SC 1.4.10 Reflow; the caption has empty alternative text, CSS Generated Content §1.2,
///   since the column header already names the cell for assistive technology), `dl.fields` (label/value pairs), `.actions`, `.big`;
/// - messages: `.errors` / `.alert` (refusals), `.notice` (done), `.important` (caution), `.hint`;
/// - text: `.tag` (a short marker beside a value; `.tag.ok`, `.tag.bad`, `.tag.muted` for a status,
///   `tr.bad` for a failed row); `code` and `.mono` wrap anywhere (long URIs, secrets;
///   a `td.mono` id column keeps about 12 characters a line), prose never breaks inside words.
/// Colours meet WCAG 2.1 AA contrast (4.5:1 for text).
public enum HTMLStylesheet {
    public static let css = """
    *{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
    body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f1d2b;background:#f6f5fa;overflow-wrap:break-word}
    a{color:#5b23c8}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #9d6cf0;outline-offset:2px}
    h1{font-size:22px;line-height:1.25;margin:0 0 16px}h2{font-size:16px;margin:24px 0 8px}.card>h2:first-child{margin-top:0}h3{font-size:14px;margin:16px 0 6px}
    p{margin:0 0 10px}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
    .shell{display:flex;min-height:100vh}
    nav.side{width:220px;background:#2b1a52;color:#e9e3f7;padding:18px 0;flex-shrink:0}nav.side .logo{font-weight:700;font-size:18px;padding:0 20px 16px;color:#fff}
    nav.side a{display:block;padding:8px 20px;color:#d9cff2;text-decoration:none}nav.side a[aria-current],nav.side a:hover{background:#44297e;color:#fff}
    nav.side .group{padding:14px 20px 4px;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#b3a6d6}nav.side form{padding:16px 20px}
    main.content{flex:1;min-width:0;padding:24px 36px;max-width:1100px}
    header.top{display:flex;align-items:center;gap:16px;background:#2b1a52;color:#e9e3f7;padding:12px 20px}header.top .logo{font-weight:700;font-size:18px;color:#fff}
    main.narrow{max-width:720px;margin:0 auto;padding:28px 20px 40px}
    .crumbs{color:#5f5b73;font-size:12px;margin-bottom:6px}.crumbs a{color:#5f5b73}.lead{font-size:15px;color:#3b3750}
    .tabs{border-bottom:1px solid #ddd8ea;margin-bottom:18px}.tabs span{display:inline-block;padding:8px 14px;border-bottom:2px solid transparent;color:#5f5b73}
    .tabs span.on{border-color:#7b3fe4;color:#1f1d2b;font-weight:600}
    .card{background:#fff;border:1px solid #e4e0ef;border-radius:8px;padding:18px 20px;margin-bottom:18px}
    .table-scroll{overflow-x:auto;margin-bottom:18px}table{border-collapse:collapse;width:100%;background:#fff}
    th,td{text-align:left;padding:8px;border-bottom:1px solid #eeeaf6;vertical-align:top}th{font-size:12px;color:#5f5b73;font-weight:600;background:#faf9fd}
    td.actions{min-width:170px}td.mono{min-width:14ch}td.nowrap{white-space:nowrap}
    dl.fields{display:grid;grid-template-columns:minmax(7rem,max-content) minmax(0,1fr);gap:8px 18px;margin:0}dl.fields dt{font-weight:600;color:#4b475d}
    dl.fields dd{margin:0;min-width:0}dl.fields dd ul{margin:0;padding-left:18px}
    .btn,button{display:inline-block;border:1px solid #7b3fe4;background:#7b3fe4;color:#fff;border-radius:6px;padding:7px 14px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
    .btn.secondary,button.secondary{background:#fff;color:#6a2fd6}.btn.danger,button.danger{background:#c62f4a;border-color:#c62f4a;color:#fff}
    .actions form{display:inline}div.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}div.actions a,div.actions button{margin:0}.actions a,.actions button{margin:0 6px 8px 0}form.card>p{margin-top:14px}td.actions a,td.actions button{padding:4px 10px;font-size:12px}
    label,legend{font-weight:600;display:block;margin:14px 0 4px}fieldset{border:0;padding:0;margin:14px 0 0;min-width:0}legend{padding:0;margin:0 0 4px}
    .card>:first-child,.card>input[type=hidden]:first-child+*{margin-top:0}.card>p:last-child,.alert>p:last-child{margin-bottom:0}
    .tag{display:inline-block;background:#efe8fd;color:#4b2a99;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
    .tag.ok{background:#e3f5ea;color:#1d6b3f}.tag.bad{background:#fbe3e8;color:#a3203a}.tag.muted{background:#efedf5;color:#5f5a75}tr.bad td{background:#fff7f8}.hint{color:#5f5b73;font-size:12px;font-weight:400}
    input[type=text],input[type=number],input[type=email],select,textarea{width:100%;max-width:640px;padding:7px 9px;border:1px solid #8f88a8;border-radius:6px;font:inherit;background:#fff;color:inherit}
    textarea{font-family:ui-monospace,Menlo,Consolas,monospace;min-height:110px}.choice{font-weight:400;display:block;margin:6px 0}.choice small{display:block;color:#5f5b73;margin-left:22px}
    .important{border-left:4px solid #e0a100;background:#fff8e1;padding:8px 12px;margin:8px 0;max-width:640px}
    .errors,.alert{border-left:4px solid #c62f4a;background:#fdecef;padding:10px 14px;margin-bottom:16px}.errors ul{margin:6px 0 0;padding-left:18px}
    .notice{border-left:4px solid #2e9d5b;background:#e9f7ef;padding:10px 14px;margin-bottom:16px}.presets button{margin:4px 6px 4px 0;font-size:12px;padding:4px 10px}
    ul.clients{margin:4px 0 0 0;padding-left:18px;color:#4b475d;font-size:13px;max-width:640px}.big{font-size:28px;font-weight:700}
    ul.plain{list-style:none;margin:0;padding:0}ul.plain>li{padding:8px 0;border-bottom:1px solid #eeeaf6}ul.plain>li:last-child{border-bottom:0}
    .buttons{display:flex;flex-wrap:wrap;gap:10px;margin-top:18px}.buttons button,.buttons .btn{padding:9px 22px;margin:0}
    @media (max-width:760px){
    .shell{display:block}nav.side{width:auto;display:flex;flex-wrap:wrap;align-items:center;padding:8px 10px}nav.side .logo{width:100%;padding:4px 10px 8px}
    nav.side .group{display:none}nav.side a{padding:6px 10px;border-radius:6px}nav.side form{padding:4px 10px}
    main.content{padding:16px}main.narrow{padding:20px 14px 32px}.card{padding:14px}
    dl.fields{grid-template-columns:minmax(0,1fr);gap:2px}dl.fields dd{margin-bottom:10px}
    table.stack{background:none;min-width:0}table.stack,table.stack tbody,table.stack tr{display:block}
    table.stack thead{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    table.stack tr{background:#fff;border:1px solid #e4e0ef;border-radius:8px;margin-bottom:12px;padding:0 14px}table.stack tr.bad{background:#fff7f8;border-color:#efc2cc}
    table.stack td{display:flow-root;min-width:0;padding:7px 0 7px 8.5rem;overflow-wrap:anywhere;background:none}table.stack td:last-child{border-bottom:0}table.stack td:empty{display:none}
    table.stack td::before{content:attr(data-label);content:attr(data-label) / "";float:left;width:8rem;margin-left:-8.5rem;font:600 12px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#5f5b73;overflow-wrap:break-word}
    table.stack td:first-child{padding:10px 0 8px;font-size:16px;font-weight:700}table.stack td:first-child::before{float:none;display:block;width:auto;margin:0}
    }
    """
}
