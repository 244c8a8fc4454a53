/**
 * `map`'s value for `key`, computed and kept when it has none. A map holding `limit` values is
 * emptied first, so that a process that runs for long (`--watch`) keeps no more than that.
 */
export function remember<K, V>(map: Map<K, V>, limit: number, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    if (map.size >= limit) map.clear();
    map.set(key, value);
  }
  return value;
}
