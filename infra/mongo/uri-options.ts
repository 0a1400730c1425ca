/**
 * The options written in a MongoDB connection string's query (`?replicaSet=rs0&maxPoolSize=50`), keyed by their
 * lower-cased name as the driver matches them (case-insensitively). Values are URI-decoded. Kept free of the driver
 * so the config schema can check the URI without loading mongoose.
 */
export function mongoUriOptions(uri: string): Map<string, string> {
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text; // a malformed escape: the driver refuses the URI itself, with its own message
    }
  };
  const options = new Map<string, string>();
  const query = uri.split('?', 2)[1];
  if (query === undefined) return options;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = decode(at === -1 ? pair : pair.slice(0, at)).toLowerCase();
    options.set(key, at === -1 ? '' : decode(pair.slice(at + 1)));
  }
  return options;
}

/** True when the connection string carries credentials (`mongodb://user:pass@host/…`). */
export function mongoUriHasCredentials(uri: string): boolean {
  return /^mongodb(\+srv)?:\/\/[^/?]*@/.test(uri);
}
