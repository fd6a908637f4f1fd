// One line per event, prefixed with the service that logged it. Secrets are never passed in.
export interface Logger {
  info(service: string, message: string): void;
  warn(service: string, message: string): void;
  error(service: string, message: string, error?: unknown): void;
}

export function createLogger(quiet = false): Logger {
  const line = (service: string, message: string) => `[${service}] ${message}`;
  return {
    info: (service, message) => {
      if (!quiet) console.log(line(service, message));
    },
    warn: (service, message) => console.warn(line(service, message)),
    error: (service, message, error) => console.error(line(service, message), error instanceof Error ? (error.stack ?? error.message) : (error ?? '')),
  };
}
