import "./globals.css";

/**
 * An address outside every locale that the proxy did not redirect (e.g. a broken percent-encoding):
 * there is no localized layout to render in, so this page brings its own document, in both languages.
 */
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 p-6">
        <main id="main" className="mx-auto max-w-xl space-y-3 py-10">
          <h1>Page not found</h1>
          <p lang="zh-CN">找不到此页面</p>
          <p>
            <a href="/">Home · 首页</a>
          </p>
        </main>
      </body>
    </html>
  );
}
