// Drives Zoho's official TypeScript SDK (@zohocrm/typescript-sdk-8.0, its compiled JavaScript) for the JUnit test
// OfficialZohoSdkTest. Usage: node driver.js <sdk-install-dir> <work-dir> <simulator-base-url>
//
// Reads one JSON command per line on stdin, {"id":n,"op":"...","args":{...}}, runs it through the SDK's own
// operation classes and answers one JSON line on stdout: {"id":n,"ok":true,"result":...} or
// {"id":n,"ok":false,"error":{...}}. Results are what the SDK returned (status code, the class of the object it
// built from the answer, and that object's values), turned into plain JSON: ids and other bigints as strings,
// dates as ISO-8601, Choice values as their value, Maps as objects. The SDK's own log goes to <work-dir>/sdk.log.
"use strict";

const path = require("path");
const readline = require("readline");

const [sdkDir, workDir, baseUrl] = process.argv.slice(2);
const Z = require(path.join(sdkDir, "node_modules", "@zohocrm", "typescript-sdk-8.0"));

// ------------------------------------------------------------------ turning SDK objects into plain JSON

function plain(v, depth = 0) {
  if (v === null || v === undefined) return null;
  if (depth > 8) return "<deep>";
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
  if (v instanceof Map) {
    const o = {};
    for (const [k, x] of v) o[k] = plain(x, depth + 1);
    return o;
  }
  if (v instanceof Z.Choice) return plain(v.getValue(), depth + 1);
  if (v instanceof Z.Record.Record) return recordJson(v, depth + 1);
  if (typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) {
      if (k === "keyModified") continue;
      o[k] = plain(v[k], depth + 1);
    }
    return o;
  }
  return v;
}

function recordJson(record, depth = 0) {
  const o = {};
  for (const [k, x] of record.getKeyValues()) o[k] = plain(x, depth + 1);
  return o;
}

function className(o) {
  return o === null || o === undefined ? null : o.constructor.name;
}

/** Action answers (insert, update, delete, watch): one entry per item, success or error, as the SDK parsed it. */
function actionItems(items) {
  return (items || []).map((item) => ({
    kind: className(item),
    status: plain(item.getStatus()),
    code: plain(item.getCode()),
    message: plain(item.getMessage()),
    details: plain(item.getDetails()),
  }));
}

function errorObject(o) {
  if (o && typeof o.getCode === "function" && typeof o.getStatus === "function") {
    return {
      kind: className(o),
      status: plain(o.getStatus()),
      code: plain(o.getCode()),
      message: plain(o.getMessage()),
      details: plain(typeof o.getDetails === "function" ? o.getDetails() : null),
    };
  }
  return null;
}

function answer(response, body) {
  const o = response.getObject();
  const result = { statusCode: response.getStatusCode(), objectClass: className(o) };
  const error = o && o.constructor.name === "APIException" ? errorObject(o) : null;
  if (error) result.error = error;
  else if (o && body) Object.assign(result, body(o));
  return result;
}

// ------------------------------------------------------------------ SDK set-up

let token = null;

async function init(args) {
  const environment = new Z.Environment(baseUrl, baseUrl + "/oauth/v2/token", baseUrl);
  let builder = new Z.OAuthBuilder().clientId(args.clientId).clientSecret(args.clientSecret)
    .refreshToken(args.refreshToken);
  if (args.findUser === false) builder = builder.findUser(false);
  token = builder.build();
  const logger = new Z.LogBuilder().level(Z.Levels.INFO).filePath(path.join(workDir, "sdk.log")).build();
  const store = new Z.FileStore(path.join(workDir, "sdk_tokens.txt"));
  const config = new Z.SDKConfigBuilder().pickListValidation(false).autoRefreshFields(false).build();
  await (await new Z.InitializeBuilder()).environment(environment).token(token).store(store).SDKConfig(config)
    .resourcePath(workDir).logger(logger).initialize();
  // Initialisation refreshes the token through the accounts URL and, with findUser, asks /users who it belongs to.
  return {
    hasAccessToken: typeof token.getAccessToken() === "string" && token.getAccessToken().length > 0,
    accessTokenPrefix: (token.getAccessToken() || "").split(".")[0],
    apiDomain: token.getAPIDomain(),
    user: token.getUserSignature() ? token.getUserSignature().getName() : null,
    expiresInMs: token.getExpiresIn() ? Number(token.getExpiresIn()) - Date.now() : null,
  };
}

// ------------------------------------------------------------------ records

function toRecord(module, fields) {
  const record = new Z.Record.Record();
  for (const [name, value] of Object.entries(fields)) {
    let v = value;
    if (value && typeof value === "object" && value.lookupId) {
      v = new Z.Record.Record();
      v.setId(BigInt(value.lookupId));
    }
    const typed = Z.Record.Field[module] && Z.Record.Field[module][name.toUpperCase()];
    if (typed) record.addFieldValue(typed, v); // the SDK's own field constant, as its samples use
    else record.addKeyValue(name, v); // fields the SDK does not know (custom ones), by API name
  }
  return record;
}

async function create(args) {
  const body = new Z.Record.BodyWrapper();
  body.setData(args.records.map((r) => toRecord(args.module, r)));
  const r = await new Z.Record.RecordOperations(args.module).createRecords(body, new Z.HeaderMap());
  return answer(r, (o) => ({ items: actionItems(o.getData()) }));
}

async function update(args) {
  const body = new Z.Record.BodyWrapper();
  body.setData([toRecord(args.module, args.fields)]);
  const r = await new Z.Record.RecordOperations(args.module).updateRecord(BigInt(args.id), body, new Z.HeaderMap());
  return answer(r, (o) => ({ items: actionItems(o.getData()) }));
}

async function get(args) {
  const params = new Z.ParameterMap();
  if (args.fields) await params.add(Z.Record.GetRecordParam.FIELDS, args.fields.join(","));
  const r = await new Z.Record.RecordOperations(args.module).getRecord(BigInt(args.id), params, new Z.HeaderMap());
  return answer(r, (o) => ({ records: o.getData().map((x) => recordJson(x)), info: plain(o.getInfo()) }));
}

async function list(args) {
  const params = new Z.ParameterMap();
  await params.add(Z.Record.GetRecordsParam.FIELDS, args.fields.join(","));
  if (args.perPage) await params.add(Z.Record.GetRecordsParam.PER_PAGE, args.perPage);
  if (args.page) await params.add(Z.Record.GetRecordsParam.PAGE, args.page);
  if (args.pageToken) await params.add(Z.Record.GetRecordsParam.PAGE_TOKEN, args.pageToken);
  const r = await new Z.Record.RecordOperations(args.module).getRecords(params, new Z.HeaderMap());
  return answer(r, (o) => ({ records: o.getData().map((x) => recordJson(x)), info: plain(o.getInfo()) }));
}

/** Follows info.next_page_token from the first page until more_records is false, as the SDK's users page. */
async function listAll(args) {
  const ids = [];
  const pages = [];
  let pageToken = null;
  for (let n = 0; n < 1000; n++) {
    const page = await list({ module: args.module, fields: args.fields, perPage: args.perPage, pageToken });
    if (page.error || page.statusCode !== 200) return { pages, ids, failed: page };
    for (const rec of page.records) ids.push(rec.id);
    pages.push({ count: page.info.count, moreRecords: page.info.moreRecords, hasNextPageToken: !!page.info.nextPageToken,
      page: page.info.page });
    if (!page.info.moreRecords) break;
    pageToken = page.info.nextPageToken;
  }
  return { pages, ids };
}

async function search(args) {
  const params = new Z.ParameterMap();
  const p = Z.Record.SearchRecordsParam;
  if (args.email) await params.add(p.EMAIL, args.email);
  if (args.criteria) await params.add(p.CRITERIA, args.criteria);
  if (args.word) await params.add(p.WORD, args.word);
  if (args.phone) await params.add(p.PHONE, args.phone);
  const r = await new Z.Record.RecordOperations(args.module).searchRecords(params, new Z.HeaderMap());
  return answer(r, (o) => ({ records: o.getData().map((x) => recordJson(x)), info: plain(o.getInfo()) }));
}

async function remove(args) {
  const ops = new Z.Record.RecordOperations(args.module);
  let r;
  if (args.ids.length === 1) {
    r = await ops.deleteRecord(BigInt(args.ids[0]), new Z.ParameterMap(), new Z.HeaderMap());
  } else {
    const params = new Z.ParameterMap();
    for (const id of args.ids) await params.add(Z.Record.DeleteRecordsParam.IDS, id);
    r = await ops.deleteRecords(params, new Z.HeaderMap());
  }
  return answer(r, (o) => ({ items: actionItems(o.getData()) }));
}

async function deleted(args) {
  const params = new Z.ParameterMap();
  if (args.type) await params.add(Z.Record.GetDeletedRecordsParam.TYPE, args.type);
  const r = await new Z.Record.RecordOperations(args.module).getDeletedRecords(params, new Z.HeaderMap());
  return answer(r, (o) => ({
    records: o.getData().map((d) => ({ id: plain(d.getId()), type: d.getType(), displayName: d.getDisplayName(),
      deletedTime: plain(d.getDeletedTime()), deletedBy: plain(d.getDeletedBy()), createdBy: plain(d.getCreatedBy()) })),
    info: plain(o.getInfo()),
  }));
}

// ------------------------------------------------------------------ metadata

async function fields(args) {
  const params = new Z.ParameterMap();
  await params.add(Z.Fields.GetFieldsParam.MODULE, args.module);
  const r = await new Z.Fields.FieldsOperations().getFields(params);
  return answer(r, (o) => ({
    fields: o.getFields().map((f) => f === null ? null : ({
      apiName: f.getAPIName(), dataType: f.getDataType(), length: f.getLength(),
      systemMandatory: f.getSystemMandatory(), readOnly: f.getReadOnly(),
      lookupModule: f.getLookup() && f.getLookup().getModule() ? f.getLookup().getModule().getAPIName() : null,
    })),
  }));
}

async function modules() {
  const r = await new Z.Modules.ModulesOperations().getModules(new Z.ParameterMap(), new Z.HeaderMap());
  return answer(r, (o) => ({
    modules: o.getModules().map((m) => ({ apiName: m.getAPIName(), apiSupported: m.getAPISupported(),
      generatedType: plain(m.getGeneratedType()), singularLabel: m.getSingularLabel() })),
  }));
}

// ------------------------------------------------------------------ notifications

async function watch(args) {
  const n = new Z.Notifications.Notification();
  n.setChannelId(args.channelId);
  n.setEvents(args.events);
  n.setNotifyUrl(args.notifyUrl);
  n.setToken(args.token);
  if (args.returnAffectedFieldValues) n.setReturnAffectedFieldValues(true);
  if (args.channelExpiry) n.setChannelExpiry(new Date(args.channelExpiry));
  const body = new Z.Notifications.BodyWrapper();
  body.setWatch([n]);
  const r = await new Z.Notifications.NotificationsOperations().enableNotifications(body);
  return answer(r, (o) => ({ items: actionItems(o.getWatch()) }));
}

async function watching(args) {
  const params = new Z.ParameterMap();
  if (args.channelId) await params.add(Z.Notifications.GetNotificationsParam.CHANNEL_ID, args.channelId);
  const r = await new Z.Notifications.NotificationsOperations().getNotifications(params);
  return answer(r, (o) => ({
    channels: o.getWatch().map((w) => ({ channelId: plain(w.getChannelId()), events: plain(w.getEvents()),
      notifyUrl: w.getNotifyUrl(), token: w.getToken(), channelExpiry: plain(w.getChannelExpiry()),
      resourceName: w.getResourceName() })),
  }));
}

// ------------------------------------------------------------------ token state, for the token tests

function tokenState() {
  return {
    hasAccessToken: !!token && typeof token.getAccessToken() === "string" && token.getAccessToken().length > 0,
    expiresInMs: token && token.getExpiresIn() ? Number(token.getExpiresIn()) - Date.now() : null,
  };
}

const OPS = { init, create, update, get, list, listAll, search, remove, deleted, fields, modules, watch, watching,
  tokenState };

// ------------------------------------------------------------------ the command loop

function describe(e) {
  if (e instanceof Z.SDKException) {
    return { kind: "SDKException", code: e.code === undefined ? null : e.code, message: e.message,
      details: plain(e.details), cause: e.cause ? String(e.cause) : null };
  }
  return { kind: e && e.constructor ? e.constructor.name : "Error", message: String(e && e.message ? e.message : e) };
}

const input = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
input.on("line", (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    let command;
    try {
      command = JSON.parse(line);
    } catch (e) {
      process.stdout.write(JSON.stringify({ id: null, ok: false, error: { kind: "BadCommand", message: e.message } }) + "\n");
      return;
    }
    const op = OPS[command.op];
    try {
      if (!op) throw new Error("unknown op " + command.op);
      const result = await op(command.args || {});
      process.stdout.write(JSON.stringify({ id: command.id, ok: true, result }) + "\n");
    } catch (e) {
      process.stdout.write(JSON.stringify({ id: command.id, ok: false, error: describe(e) }) + "\n");
    }
  });
});
input.on("close", () => queue.then(() => process.exit(0)));
