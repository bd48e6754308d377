/** Lines of a fetch Response body, decoded and split as they stream in (output files can be large). */
export async function* readLines(res: Response): AsyncGenerator<string> {
  if (!res.body) {
    for (const line of (await res.text()).split('\n')) if (line.trim()) yield line;
    return;
  }
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield line;
  }
  rest += decoder.decode();
  if (rest.trim()) yield rest;
}
