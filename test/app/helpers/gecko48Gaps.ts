// What Firefox 48 (Gecko 48, the engine of KaiOS 2.5) lacks, per @mdn/browser-compat-data, as
// properties a page can delete: a page without them shows what the phone would do.
import bcd, { type CompatStatement, type Identifier, type SimpleSupportStatement } from '@mdn/browser-compat-data';

const GECKO = 48;

/** A path of property names from the global object to the object holding a member ([] is the global). */
export type OwnerPath = string[];

export interface Gap {
  /** The BCD feature, e.g. `javascript.builtins.Array.flat`. */
  feature: string;
  /** `property`: deleted; `constructor`: the interface stays, but `new` on it throws, as in Gecko 48. */
  kind: 'property' | 'constructor';
  /** Every object the property goes from: an event handler attribute lives on several. */
  owners: OwnerPath[];
  /** The property name; `@@iterator` stands for `Symbol.iterator`. */
  key: string;
}

const WELL_KNOWN_SYMBOL = 'non-configurable (ECMAScript), and the engine keeps its own copy anyway';
const REGEXP_PROTOCOL =
  "String.prototype's match/replace/search/split call it today; Gecko 48 did that work without the hook";

/**
 * Gaps left in the page, each with why. The harness needs none of the others: with them all gone,
 * Puppeteer still presses keys, waits (waitForSelector, waitForFunction) and evaluates in both
 * Chromium (CDP) and Firefox (WebDriver BiDi).
 */
export const KEPT: Record<string, string> = {
  'javascript.builtins.Symbol.asyncDispose': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.asyncIterator': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.dispose': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.hasInstance': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.matchAll': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.replace': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.search': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.split': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Symbol.toStringTag': WELL_KNOWN_SYMBOL,
  'javascript.builtins.Function.@@hasInstance': 'non-configurable (ECMAScript)',
  'javascript.builtins.RegExp.@@match': REGEXP_PROTOCOL,
  'javascript.builtins.RegExp.@@replace': REGEXP_PROTOCOL,
  'javascript.builtins.RegExp.@@search': REGEXP_PROTOCOL,
  'javascript.builtins.RegExp.@@split': REGEXP_PROTOCOL,
};

/** Built-ins with no global name, by the name the page script reaches them under. */
const INTRINSIC_ROOTS: Record<string, string> = {
  TypedArray: '%TypedArray%',
  Generator: '%GeneratorFunction.prototype%',
  GeneratorFunction: '%GeneratorFunction%',
  AsyncFunction: '%AsyncFunction%',
  AsyncGenerator: '%AsyncGeneratorFunction.prototype%',
  AsyncGeneratorFunction: '%AsyncGeneratorFunction%',
  AsyncIterator: '%AsyncIterator%',
};

/** The interfaces that include GlobalEventHandlers, where an element event's `onfoo` attribute lives. */
const GLOBAL_EVENT_HANDLER_OWNERS: OwnerPath[] = [
  ['Element', 'prototype'],
  ['HTMLElement', 'prototype'],
  ['SVGElement', 'prototype'],
  ['MathMLElement', 'prototype'],
  ['Document', 'prototype'],
  [],
];

/** A version string ("48", "3.6", "≤37", "preview") as a number; NaN when it is not a release. */
function releaseNumber(version: string): number {
  return version === 'preview' ? NaN : parseFloat(version.replace('≤', ''));
}

/** A support statement for the plain name: flags, prefixes and other names do not count. */
function isPlain(statement: SimpleSupportStatement): boolean {
  return !statement.flags && !statement.prefix && !statement.alternative_name;
}

/** "≤N" means "in N or earlier", so with N ≤ 48 it was in 48; with N > 48 nobody knows, so it was not. */
function coversGecko48(statement: SimpleSupportStatement): boolean {
  const added = statement.version_added;
  if (typeof added !== 'string' || !(releaseNumber(added) <= GECKO)) return false;
  const removed = statement.version_removed;
  return typeof removed !== 'string' || releaseNumber(removed) > GECKO;
}

export function supportedInGecko48(compat: CompatStatement): boolean {
  const firefox = compat.support.firefox;
  const statements: SimpleSupportStatement[] = firefox === undefined ? [] : [firefox].flat();
  return statements.some((statement) => isPlain(statement) && coversGecko48(statement));
}

function lacks(compat: CompatStatement | undefined): boolean {
  return compat !== undefined && !supportedInGecko48(compat);
}

function children(node: Identifier): [string, Identifier][] {
  return Object.entries(node).filter(([key]) => key !== '__compat') as [string, Identifier][];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a sub-feature is a property rather than a behaviour ("locales parameter", "is serializable",
 * "Secure context required"): BCD describes behaviours in words, and members not at all or by name in code.
 */
function isMember(key: string, compat: CompatStatement): boolean {
  const description = compat.description;
  if (!description || key.startsWith('@@') || /_(static|event)$/.test(key)) return true;
  return new RegExp(`<code>[^<]*\\b${escapeRegExp(key)}\\b`).test(description);
}

function specAnchors(compat: CompatStatement): string[] {
  const urls = compat.spec_url === undefined ? [] : [compat.spec_url].flat();
  return urls.map((url) => url.slice(url.indexOf('#') + 1).toLowerCase());
}

function property(feature: string, owners: OwnerPath[], key: string): Gap {
  return { feature, kind: 'property', owners, key };
}

/** `new X()` where Gecko 48 has X but not its constructor (`new EventTarget()` came in Firefox 59). */
function constructorGaps(feature: string, owner: OwnerPath, name: string, node: Identifier): Gap[] {
  const constructor = node[name]?.__compat;
  return lacks(constructor) ? [{ feature: `${feature}.${name}`, kind: 'constructor', owners: [owner], key: name }] : [];
}

/** The global itself when Gecko 48 lacks it, else its constructor when Gecko 48 cannot construct it. */
function globalGaps(feature: string, owner: OwnerPath, name: string, node: Identifier): Gap[] {
  if (lacks(node.__compat)) return [property(feature, [owner], name)];
  return constructorGaps(feature, owner, name, node);
}

/**
 * BCD's builtins name a static and a prototype member alike (`Object.hasOwn`, `Array.flat`); the
 * specification anchor tells them apart (`sec-object.hasown`, `sec-array.prototype.flat`).
 * Instance own properties (`sec-properties-of-array-instances-length`) cannot be deleted up front.
 */
function builtinMemberOwners(holder: OwnerPath, key: string, compat: CompatStatement): OwnerPath[] {
  const anchors = specAnchors(compat);
  if (anchors.some((anchor) => /-instances?-/.test(anchor))) return [];
  if (anchors.some((anchor) => /[.%-]prototype[.%-]|prototype%/.test(anchor))) return [[...holder, 'prototype']];
  if (anchors.some((anchor) => anchor.includes(key.replace(/^@@/, '').toLowerCase()))) return [holder];
  // No anchor (non-standard) or one for a whole section: delete it wherever the page has it.
  return [holder, [...holder, 'prototype']];
}

function hasMembers(node: Identifier): boolean {
  return children(node).some(([key, child]) => child.__compat !== undefined && isMember(key, child.__compat));
}

/** A builtin member, and the members of a class in a namespace (`Intl.Collator`, then its `compare`). */
function builtinMemberGaps(feature: string, holder: OwnerPath, key: string, node: Identifier): Gap[] {
  const compat = node.__compat;
  if (compat === undefined || !isMember(key, compat)) return [];
  const owners = builtinMemberOwners(holder, key, compat);
  if (!hasMembers(node)) return lacks(compat) && owners.length > 0 ? [property(feature, owners, key)] : [];
  return [...globalGaps(feature, holder, key, node), ...builtinMembersGaps(feature, [...holder, key], key, node)];
}

function builtinMembersGaps(feature: string, holder: OwnerPath, name: string, node: Identifier): Gap[] {
  return children(node)
    .filter(([key]) => key !== name) // the constructor, which goes with its global
    .flatMap(([key, child]) => builtinMemberGaps(`${feature}.${key}`, holder, key, child));
}

function builtinGaps(): Gap[] {
  return children(bcd.javascript.builtins).flatMap(([name, node]) => {
    const feature = `javascript.builtins.${name}`;
    const intrinsic = INTRINSIC_ROOTS[name];
    const global = intrinsic ? [] : globalGaps(feature, [], name, node);
    return [...global, ...builtinMembersGaps(feature, [intrinsic || name], name, node)];
  });
}

/** Where an interface's instance members live: on its prototype, or on the window itself for Window ([Global]). */
function instanceOwner(iface: string): OwnerPath {
  return iface === 'Window' ? [] : [iface, 'prototype'];
}

/** Whether Gecko 48 fired this event at some element, the document or the window. */
function firedOnElementsInGecko48(eventKey: string): boolean {
  return children(bcd.api).some(([iface, node]) => {
    const compat = node[eventKey]?.__compat;
    const target = iface.endsWith('Element') || iface === 'Document' || iface === 'Window';
    return target && compat !== undefined && supportedInGecko48(compat);
  });
}

/**
 * An element event's `onfoo` attribute is in GlobalEventHandlers, so on every interface that
 * includes it: gone from all of them only if Gecko 48 fired that event at none.
 */
function eventHandlerOwners(iface: string, eventKey: string): OwnerPath[] {
  const own = instanceOwner(iface);
  if (!iface.endsWith('Element') || firedOnElementsInGecko48(eventKey)) return [own];
  const others = GLOBAL_EVENT_HANDLER_OWNERS.filter((owner) => owner.join('.') !== own.join('.'));
  return [own, ...others];
}

function interfaceMemberGap(feature: string, iface: string, key: string): Gap {
  if (key.endsWith('_static')) return property(feature, [[iface]], key.slice(0, -'_static'.length));
  if (key.endsWith('_event')) {
    return property(feature, eventHandlerOwners(iface, key), `on${key.slice(0, -'_event'.length)}`);
  }
  return property(feature, [instanceOwner(iface)], key);
}

function apiGaps(): Gap[] {
  return children(bcd.api).flatMap(([name, node]) => {
    const feature = `api.${name}`;
    const members = children(node).flatMap(([key, child]) => {
      const compat = child.__compat;
      if (key === name || compat === undefined || !lacks(compat) || !isMember(key, compat)) return [];
      return [interfaceMemberGap(`${feature}.${key}`, name, key)];
    });
    return [...globalGaps(feature, [], name, node), ...members];
  });
}

/** Everything BCD says Firefox 48 lacks among JavaScript built-ins and Web APIs, but what is KEPT. */
export function gecko48Gaps(): Gap[] {
  return [...builtinGaps(), ...apiGaps()].filter((gap) => !(gap.feature in KEPT));
}

/** What the page reports after the deletions (read with `page.evaluate(GAPS_REPORT)`). */
export interface DeletionReport {
  /** Properties that were there and are gone. */
  deleted: number;
  /** Interfaces that stay but refuse `new`. */
  unconstructible: number;
  /** Features whose property was there but would not go (non-configurable or read-only). */
  kept: string[];
  /** The page's uncaught errors since: what to tell when the app does not even boot. */
  errors: string[];
}

export const GAPS_REPORT = 'window.__gecko48Gaps';

// A page script, so plain JavaScript in a string; it keeps its own references to what it uses
// because it deletes built-ins as it goes. All owners are found before anything is deleted: a
// member's owner may be a global that is itself a gap (Iterator.prototype.map, then Iterator).
const DELETE_GAPS = `(function (gaps) {
  var own = Object.prototype.hasOwnProperty, getProto = Object.getPrototypeOf, SymbolRef = Symbol, ProxyRef = Proxy;
  var intrinsics = {
    '%TypedArray%': function () { return getProto(Int8Array); },
    '%GeneratorFunction.prototype%': function () { return getProto(function* () {}); },
    '%GeneratorFunction%': function () { return getProto(function* () {}).constructor; },
    '%AsyncFunction%': function () { return getProto(async function () {}).constructor; },
    '%AsyncGeneratorFunction.prototype%': function () { return getProto(async function* () {}); },
    '%AsyncGeneratorFunction%': function () { return getProto(async function* () {}).constructor; },
    '%AsyncIterator%': function () { return { prototype: getProto(getProto(async function* () {}).prototype) }; },
  };
  function resolve(path) {
    if (!path.length) return window;
    var object = own.call(intrinsics, path[0]) ? intrinsics[path[0]]() : window[path[0]];
    for (var i = 1; i < path.length && object != null; i++) object = object[path[i]];
    return object;
  }
  function propertyKey(key) {
    return key.indexOf('@@') === 0 ? SymbolRef[key.slice(2)] : key;
  }
  function holds(owner, key) {
    return (typeof owner === 'object' || typeof owner === 'function') && owner !== null && own.call(owner, key);
  }
  var targets = [];
  gaps.forEach(function (gap) {
    var key = propertyKey(gap.key);
    if (key === undefined) return;
    gap.owners.forEach(function (path) {
      var owner = resolve(path);
      if (holds(owner, key)) targets.push({ gap: gap, owner: owner, key: key });
    });
  });
  var report = { deleted: 0, unconstructible: 0, kept: [], errors: [] };
  window.addEventListener('error', function (event) { report.errors.push(String(event.error || event.message)); });
  window.addEventListener('unhandledrejection', function (event) { report.errors.push(String(event.reason)); });
  function illegalConstructor() { throw new TypeError('Illegal constructor'); }
  function removeProperty(target) {
    try { delete target.owner[target.key]; } catch (error) {}
    if (own.call(target.owner, target.key)) report.kept.push(target.gap.feature); else report.deleted++;
  }
  function refuseConstruction(target) {
    var original = target.owner[target.key];
    try { target.owner[target.key] = new ProxyRef(original, { construct: illegalConstructor }); } catch (error) {}
    if (target.owner[target.key] === original) report.kept.push(target.gap.feature); else report.unconstructible++;
  }
  targets.forEach(function (target) {
    // Two features may name one property (Document's and Element's onfullscreenchange).
    if (!own.call(target.owner, target.key)) return;
    if (target.gap.kind === 'constructor') refuseConstruction(target); else removeProperty(target);
  });
  Object.defineProperty(window, '__gecko48Gaps', { value: report });
})`;

/** A script for `Phone.open`'s `init`: removes every gap before any app code runs. */
export function deletionScript(gaps: Gap[]): string {
  return `${DELETE_GAPS}(${JSON.stringify(gaps)});`;
}
