// The last lines of what a child process wrote, for a start-up error message: older lines are dropped as new
// ones arrive, and long lines are cut, so a process that talks a lot (or echoes what callers sent) costs nothing.
export class LogTail {
  private readonly lines: string[] = [];

  constructor(
    private readonly size: number,
    private readonly maxLineLength = 1000,
  ) {}

  push(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line.length > this.maxLineLength ? `${line.slice(0, this.maxLineLength)}…` : line);
      if (this.lines.length > this.size) this.lines.shift();
    }
  }

  text(last = this.size): string {
    return this.lines.slice(-last).join('\n');
  }
}
