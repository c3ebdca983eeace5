package demo

import (
	"fmt"
	"strings"
	"time"
)

// site describes a generated website.
type site struct {
	domain string
	title  string
	lang   string // "en" or "fr"
	pages  int    // about ten files are written per page unit
}

// logTime is when the generated logs start: fixed, so that the demo is the same on every host.
var logTime = time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)

// docroot writes a document root under rel: pages, a blog, PHP, styles, scripts, images, an
// empty uploads directory and a link inside the site.
func (t *tree) docroot(rel string, s site) {
	t.text(rel+"/index.html", page(s, s.title, "Welcome"))
	t.text(rel+"/index.php", "<?php\nrequire __DIR__ . '/includes/bootstrap.php';\nrender('home');\n")
	t.text(rel+"/.htaccess", "Options -Indexes\nRewriteEngine On\nRewriteRule ^blog/(.*)$ blog.php?p=$1 [L,QSA]\n")
	t.text(rel+"/robots.txt", "User-agent: *\nDisallow: /includes/\n")
	t.file(rel+"/favicon.png", t.png(16))
	for i := 1; i <= s.pages*2; i++ {
		name := fmt.Sprintf("%s/pages/%s-%02d.html", rel, t.pick("service", "produit", "team", "offre", "info"), i)
		t.text(name, page(s, fmt.Sprintf("%s — page %d", s.title, i), t.paragraph(s.lang, 4)))
	}
	for i := 1; i <= s.pages*3; i++ {
		day := logTime.AddDate(0, 0, -7*i)
		t.text(fmt.Sprintf("%s/blog/%d/%02d/post-%03d.html", rel, day.Year(), day.Month(), i),
			page(s, fmt.Sprintf("Post %d", i), t.paragraph(s.lang, 8)))
	}
	t.code(rel, s)
	t.images(rel, s.pages)
	t.dir(rel + "/uploads")
	t.symlink(rel+"/latest", "blog/"+logTime.Format("2006/01"))
}

func (t *tree) code(rel string, s site) {
	t.text(rel+"/includes/bootstrap.php", "<?php\ndeclare(strict_types=1);\nconst SITE = '"+s.domain+"';\nfunction render(string $view): void { include __DIR__ . \"/views/$view.php\"; }\n")
	for i := 1; i <= s.pages; i++ {
		t.text(fmt.Sprintf("%s/includes/views/view-%02d.php", rel, i),
			fmt.Sprintf("<?php /* view %d */ ?>\n<section><h2><?= htmlspecialchars($title ?? '%s') ?></h2><p>%s</p></section>\n", i, s.title, t.paragraph(s.lang, 2)))
	}
	t.text(rel+"/css/style.css", ":root { --brand: #1d5bb8; }\nbody { font: 16px/1.5 system-ui, sans-serif; margin: 0; }\nheader { background: var(--brand); color: #fff; padding: 1rem; }\n")
	for i := 1; i <= s.pages/2+1; i++ {
		t.text(fmt.Sprintf("%s/css/theme-%02d.css", rel, i), fmt.Sprintf(".theme-%d { color: #%06x; }\n", i, t.rnd.IntN(1<<24)))
	}
	t.text(rel+"/js/app.js", "document.addEventListener('DOMContentLoaded', () => {\n  document.body.classList.add('ready');\n});\n")
	for i := 1; i <= s.pages/2+1; i++ {
		t.text(fmt.Sprintf("%s/js/vendor/lib-%02d.min.js", rel, i), fmt.Sprintf("/*! lib %d */(function(){var v=%d;window.lib%d=function(){return v}})();\n", i, t.rnd.IntN(1000), i))
	}
}

func (t *tree) images(rel string, n int) {
	for i := 1; i <= n*2; i++ {
		t.file(fmt.Sprintf("%s/images/photo-%03d.jpg", rel, i), t.jpeg(24+t.rnd.IntN(40)))
	}
	for i := 1; i <= n; i++ {
		t.file(fmt.Sprintf("%s/images/icons/icon-%02d.png", rel, i), t.png(16+t.rnd.IntN(16)))
	}
}

// app writes a nested application under rel with its own logs/ and cache/.
func (t *tree) app(rel string, s site) {
	t.text(rel+"/index.php", "<?php\nrequire __DIR__ . '/src/Kernel.php';\n(new App\\Kernel())->handle();\n")
	t.text(rel+"/composer.json", "{\n  \"name\": \"demo/app\",\n  \"require\": {\"php\": \">=8.2\"}\n}\n")
	for i := 1; i <= s.pages; i++ {
		t.text(fmt.Sprintf("%s/src/Controller%02d.php", rel, i), fmt.Sprintf("<?php\nnamespace App;\nfinal class Controller%02d { public function __invoke(): string { return 'ok'; } }\n", i))
	}
	t.text(rel+"/src/Kernel.php", "<?php\nnamespace App;\nfinal class Kernel { public function handle(): void { echo 'app'; } }\n")
	t.text(rel+"/logs/app.log", t.appLog(40))
	t.text(rel+"/logs/error.log", t.appLog(8))
	t.file(rel+"/logs/app.log.1.gz", gz([]byte(t.appLog(60))))
	for i := 1; i <= s.pages*2; i++ {
		t.text(fmt.Sprintf("%s/cache/%02x/%08x.cache", rel, i%16, t.rnd.Uint32()), fmt.Sprintf("a:1:{s:4:\"view\";i:%d;}", i))
	}
	t.dir(rel + "/cache/sessions")
}

// logs writes a webspace's logs directory, Plesk style.
func (t *tree) logs(rel string, s site) {
	t.text(rel+"/access_log", t.accessLog(s, 400))
	t.text(rel+"/access_ssl_log", t.accessLog(s, 600))
	t.text(rel+"/error_log", t.errorLog(30))
	t.text(rel+"/proxy_error_log", t.errorLog(5))
	t.text(rel+"/php-fpm.log", t.appLog(20))
	t.file(rel+"/access_log.1.gz", gz([]byte(t.accessLog(s, 800))))
	t.text(rel+"/access_log.processed", t.accessLog(s, 100))
}

func (t *tree) accessLog(s site, n int) string {
	var b strings.Builder
	paths := []string{"/", "/index.php", "/css/style.css", "/js/app.js", "/images/photo-001.jpg", "/blog/", "/contact"}
	for i := range n {
		at := logTime.Add(time.Duration(i) * 37 * time.Second)
		fmt.Fprintf(&b, "%s - - [%s] \"GET %s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0\"\n", t.ip(),
			at.Format("02/Jan/2006:15:04:05 -0700"), t.pick(paths...), []int{200, 200, 200, 304, 404}[t.rnd.IntN(5)], 200+t.rnd.IntN(20000))
	}
	return b.String()
}

func (t *tree) errorLog(n int) string {
	var b strings.Builder
	for i := range n {
		at := logTime.Add(time.Duration(i) * 11 * time.Minute)
		fmt.Fprintf(&b, "[%s] [php:warn] [pid %d] [client %s] PHP Warning:  Undefined variable $title\n",
			at.Format("Mon Jan 02 15:04:05.000000 2006"), 1000+t.rnd.IntN(9000), t.ip())
	}
	return b.String()
}

func (t *tree) appLog(n int) string {
	var b strings.Builder
	for i := range n {
		at := logTime.Add(time.Duration(i) * 3 * time.Minute)
		fmt.Fprintf(&b, "[%s] app.%s: %s\n", at.Format(time.RFC3339), t.pick("INFO", "INFO", "DEBUG", "WARNING"),
			t.pick("Request handled", "Cache warmed", "User logged in", "Slow query (812 ms)"))
	}
	return b.String()
}

func page(s site, title, body string) string {
	return fmt.Sprintf("<!doctype html>\n<html lang=%q>\n<head><meta charset=\"utf-8\"><title>%s</title>"+
		"<link rel=\"stylesheet\" href=\"/css/style.css\"></head>\n<body><header>%s</header>\n<main><h1>%s</h1><p>%s</p></main>\n</body>\n</html>\n",
		s.lang, title, s.title, title, body)
}

var words = map[string][]string{
	"en": {"backup", "garden", "coffee", "morning", "project", "light", "harbour", "studio", "order", "delivery", "fresh", "quiet"},
	"fr": {"sauvegarde", "jardin", "café", "matin", "projet", "lumière", "port", "atelier", "commande", "livraison", "frais", "calme"},
}

func (t *tree) paragraph(lang string, sentences int) string {
	var b strings.Builder
	for i := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j := range 6 + t.rnd.IntN(8) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[lang][t.rnd.IntN(len(words[lang]))])
		}
		b.WriteByte('.')
	}
	return b.String()
}
