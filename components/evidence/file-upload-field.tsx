"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { ACCEPT_ATTRIBUTE } from "@/server/evidence/accepted-file-types";
import { type EvidenceFileInfo, formatBytes } from "./evidence-payload-view";

type Props = {
  assessmentId: string;
  /** The file already attached (when editing), shown until replaced. */
  current: EvidenceFileInfo | null;
  error?: string;
  onUploaded: (file: EvidenceFileInfo | null) => void;
};

type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "failed"; message: string }
  | { phase: "done" };

type UploadResponse = { file?: EvidenceFileInfo; error?: { message: string } };

/**
 * Sends the file as the raw request body with XMLHttpRequest, whose upload events give real progress
 * (fetch has none). The server decides the type from the bytes and answers with the stored file,
 * whose id the form attaches.
 */
function uploadFile(assessmentId: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<EvidenceFileInfo> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ assessmentId, filename: file.name });
    xhr.open("POST", `/api/uploads?${query}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      let body: UploadResponse = {};
      try {
        body = JSON.parse(xhr.responseText) as UploadResponse;
      } catch {
        // fall through to the generic message
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.file) resolve(body.file);
      else reject(new Error(body.error?.message ?? `Upload failed (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

export function FileUploadField({ assessmentId, current, error, onUploaded }: Props) {
  const t = useTranslations("evidence.upload");
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const [file, setFile] = useState<EvidenceFileInfo | null>(current);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const [textPreview, setTextPreview] = useState<string | null>(null);

  useEffect(
    () => () => {
      if (imageUrl) URL.revokeObjectURL(imageUrl);
    },
    [imageUrl],
  );

  async function onChoose(chosen: File | undefined) {
    if (!chosen) return;
    setImageUrl(null);
    setTextPreview(null);
    setState({ phase: "uploading", loaded: 0, total: chosen.size });
    try {
      const stored = await uploadFile(assessmentId, chosen, (loaded, total) => setState({ phase: "uploading", loaded, total }));
      setFile(stored);
      setState({ phase: "done" });
      onUploaded(stored);
      if (stored.mimeType.startsWith("image/")) setImageUrl(URL.createObjectURL(chosen));
      if (stored.mimeType === "text/csv") setTextPreview((await chosen.slice(0, 2000).text()).split(/\r?\n/).slice(0, 6).join("\n"));
    } catch (failure) {
      const message = (failure as Error).message;
      setState({ phase: "failed", message: message === "network" ? t("networkError") : message });
      setFile(null);
      onUploaded(null);
      if (inputRef.current) inputRef.current.value = "";
    }
  }

  const shownError = state.phase === "failed" ? state.message : error;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const percent = state.phase === "uploading" && state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("label")}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        aria-describedby={[hintId, shownError ? errorId : null].filter(Boolean).join(" ")}
        aria-invalid={shownError ? true : undefined}
        disabled={state.phase === "uploading"}
        onChange={(e) => void onChoose(e.target.files?.[0])}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
      />
      <p id={hintId} className="text-xs text-slate-500">
        {t("hint")}
      </p>
      {state.phase === "uploading" ? (
        <div className="space-y-1">
          <progress
            className="h-2 w-full"
            max={100}
            value={percent}
            aria-label={t("progressLabel")}
            aria-valuetext={t("progress", { percent })}
          />
          <p className="text-xs text-slate-600" aria-live="polite">
            {t("progress", { percent })}
          </p>
        </div>
      ) : null}
      {shownError ? (
        <p id={errorId} role="alert" className="text-sm text-red-700" data-testid="upload-error">
          {shownError}
        </p>
      ) : null}
      {file ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="upload-preview">
          <p className="font-medium">
            {state.phase === "done" ? t("uploaded") : t("attached")}: {file.filename}
          </p>
          <p className="text-xs text-slate-600">
            {file.mimeType} · {formatBytes(file.sizeBytes)} · SHA-256 <code className="break-all">{file.sha256.slice(0, 16)}…</code>
          </p>
          {imageUrl ? (
            // biome-ignore lint/performance/noImgElement: a local object URL (the picked file), not an optimisable asset
            <img
              src={imageUrl}
              alt={t("imagePreview", { name: file.filename })}
              className="mt-2 max-h-48 rounded border border-slate-200"
            />
          ) : null}
          {textPreview ? <pre className="mt-2 max-h-40 overflow-auto rounded bg-white p-2 text-xs">{textPreview}</pre> : null}
        </div>
      ) : null}
    </div>
  );
}
