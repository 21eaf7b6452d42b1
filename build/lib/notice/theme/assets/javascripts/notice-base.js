// Material for MkDocs' base script, loaded from a file (no inline script, for a strict
// Content-Security-Policy). The scope is the site root: two folders above this file.
var __md_scope = new URL("../..", document.currentScript.src);
var __md_hash = function (e) {
  return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
};
var __md_get = function (e, store, scope) {
  store = store || localStorage; scope = scope || __md_scope;
  return JSON.parse(store.getItem(scope.pathname + "." + e));
};
var __md_set = function (e, value, store, scope) {
  store = store || localStorage; scope = scope || __md_scope;
  try { store.setItem(scope.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* full or denied */ }
};
