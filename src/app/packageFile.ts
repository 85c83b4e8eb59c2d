/** Reads a JSON file shipped in the app package (XHR: works on KaiOS 2.5's app:// packages). */
export function readPackageJson<T>(path: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', path);
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as T);
      } catch (error) {
        reject(error);
      }
    };
    request.onerror = () => reject(new Error('cannot read ' + path));
    request.send();
  });
}
