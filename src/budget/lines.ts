// Line numbers of the rows of a budget file (the `{` of each element of the top-level "kernels"
// array), so annotations can point at the row in the file. Assumes text that JSON.parse accepted.
export function rowLines(text: string): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let line = 1, lastKey: string | undefined, kernelsDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const s = text.slice(i + 1, j);
      i = j;
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k])) k++;
      if (text[k] === ":" && stack.length === 1) lastKey = s;
    } else if (c === "{" || c === "[") {
      if (c === "{" && kernelsDepth >= 0 && stack.length === kernelsDepth + 1) lines.push(line);
      if (c === "[" && stack.length === 1 && lastKey === "kernels") kernelsDepth = stack.length;
      stack.push(c);
    } else if (c === "}" || c === "]") {
      stack.pop();
      if (stack.length === kernelsDepth) kernelsDepth = -1;
    }
  }
  return lines;
}
