// The host side of WASM memory: a first-fit allocator over [heapBase, end of memory) with coalescing
// free, growing the memory when needed. Prepared params/tables, tensors and the copy scratch all live
// here. Growth detaches ArrayBuffer views, so callers get views through view(), never cache them.
import { QactError } from "../errors.js";

const PAGE = 65536;

interface Block {
  ptr: number;
  size: number;
}

export class WasmHeap {
  private free: Block[] = [];
  private top: number;
  private readonly used = new Map<number, number>();

  constructor(readonly memory: WebAssembly.Memory, heapBase: number) {
    this.top = heapBase;
  }

  /** Bytes currently reserved (for tests and reports). */
  get reservedBytes(): number {
    let n = 0;
    for (const s of this.used.values()) n += s;
    return n;
  }

  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  alloc(bytes: number, align = 16): number {
    const size = Math.max(align, Math.ceil(bytes / align) * align);
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i];
      const ptr = Math.ceil(b.ptr / align) * align;
      const waste = ptr - b.ptr;
      if (b.size - waste >= size) {
        if (waste > 0) this.free.splice(i++, 0, { ptr: b.ptr, size: waste });
        b.ptr = ptr + size;
        b.size -= waste + size;
        if (b.size === 0) this.free.splice(i, 1);
        this.used.set(ptr, size);
        return ptr;
      }
    }
    const ptr = Math.ceil(this.top / align) * align;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        throw new QactError("memory", `cannot grow WASM memory by ${pages} pages (need ${end} bytes)`);
      }
    }
    this.top = end;
    this.used.set(ptr, size);
    return ptr;
  }

  release(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) return;
    this.used.delete(ptr);
    if (ptr + size === this.top) {
      this.top = ptr;
    } else {
      this.free.push({ ptr, size });
      this.free.sort((a, b) => a.ptr - b.ptr);
    }
    // coalesce neighbours and give the last block back to the top
    const merged: Block[] = [];
    for (const b of this.free) {
      const last = merged[merged.length - 1];
      if (last && last.ptr + last.size === b.ptr) last.size += b.size;
      else merged.push({ ...b });
    }
    while (merged.length && merged[merged.length - 1].ptr + merged[merged.length - 1].size === this.top) {
      this.top = merged.pop()!.ptr;
    }
    this.free = merged;
  }

  bytes(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }
}
