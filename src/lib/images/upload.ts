// One file to Storage with upload progress. storage-js's upload() is a fetch without progress events, and the
// browsers stream a fetch body only over HTTP/2, so this speaks the same request (POST /storage/v1/object/…, raw
// body, the caller's token) through XMLHttpRequest, whose upload.onprogress reports the bytes sent.

export class StorageUploadError extends Error {
  constructor(
    /** Storage's `statusCode` ("409", "413", …), or "network" when the request never got an answer. */
    readonly statusCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface UploadRequest {
  supabaseUrl: string;
  anonKey: string;
  accessToken: string;
  bucket: string;
  path: string;
  blob: Blob;
  cacheControl: string;
  onProgress?: (sentBytes: number) => void;
}

export function uploadWithProgress(request: UploadRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const encodedPath = request.path.split('/').map(encodeURIComponent).join('/');
    xhr.open('POST', `${request.supabaseUrl}/storage/v1/object/${request.bucket}/${encodedPath}`);
    xhr.setRequestHeader('apikey', request.anonKey);
    xhr.setRequestHeader('authorization', `Bearer ${request.accessToken}`);
    xhr.setRequestHeader('content-type', request.blob.type);
    xhr.setRequestHeader('cache-control', request.cacheControl);
    xhr.setRequestHeader('x-upsert', 'false');
    xhr.upload.onprogress = (event) => request.onProgress?.(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        request.onProgress?.(request.blob.size);
        resolve();
        return;
      }
      let body: { statusCode?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not Storage's JSON: keep the HTTP status
      }
      reject(new StorageUploadError(body.statusCode ?? String(xhr.status), body.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new StorageUploadError('network', 'The upload did not reach the bar: check the connection.'));
    xhr.send(request.blob);
  });
}
