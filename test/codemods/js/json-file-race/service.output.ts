import * as fs from 'fs';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';

export class CartStore {
  constructor(private readonly dir: string) {}

  async add(userId: string, item: string): Promise<void> {
    const file = `${this.dir}/${userId}.json`;
    const release = await lockfile.lock(file, { retries: { retries: 10, minTimeout: 20 }, realpath: false });
    try {
      const cart = JSON.parse((await fs.promises.readFile(file)).toString());
      cart.items.push(item);
      await writeFileAtomic(file, JSON.stringify(cart));
    } finally {
      await release();
    }
  }
}
