package corpus

import (
	"fmt"
	"path"
	"strings"
)

// Sites are the corpus's subscriptions: each one's webspace root is <dir>/<domain>.
var Sites = []string{"shop.example", "blog.example", "app.example", "static.example"}

// At scale 1 the corpus holds this many source files, shared among the sites' areas.
const textFiles = 120000

// site is one webspace: source areas, uploads, a Maildir (cPanel-like, under mail/), logs.
type site struct {
	domain    string
	text      float64 // share of textFiles
	areas     []area
	uploads   int // images uploaded, each with 3 thumbnails
	mailboxes []string
	mails     int
	logs      []logFile
	extra     []entry // fixed entries: archives, symlinks, empty directories, config files
}

// area is a source tree: a share of the site's text files, with its mix of extensions.
type area struct {
	dir   string
	share float64
	exts  []string // picked uniformly: repeat an extension to weigh it
}

type logFile struct {
	path string
	kind kind
	mb   float64
}

var (
	wpAreas = []area{
		{"httpdocs/wp-admin", 0.15, exts("php", 6, "css", 2, "js", 2)},
		{"httpdocs/wp-includes", 0.25, exts("php", 7, "js", 2, "css", 1)},
		{"httpdocs/wp-content/plugins", 0.47, exts("php", 11, "js", 4, "css", 2, "json", 1, "txt", 1, "html", 1)},
		{"httpdocs/wp-content/themes", 0.13, exts("php", 10, "css", 5, "js", 4, "html", 1)},
	}
	sites = []site{
		{
			domain: "shop.example", text: 0.35, areas: wpAreas, uploads: 1000,
			mailboxes: []string{"info", "orders", "contact"}, mails: 2500,
			logs: []logFile{
				{"logs/access_log", kindAccess, 150}, {"logs/error_log", kindError, 12},
				{"logs/access_log.1.gz", kindGzip, 12}, {"logs/access_log.2.gz", kindGzip, 12},
				{"logs/access_log.3.gz", kindGzip, 12}, {"logs/access_log.4.gz", kindGzip, 12},
			},
			extra: []entry{
				{path: "private/shop-backup-2023-11.zip", kind: kindZip, size: 40 << 20},
				{path: "httpdocs/wp-content/cache", kind: kindDir},
				{path: "tmp", kind: kindDir},
			},
		},
		{
			domain: "blog.example", text: 0.2, areas: wpAreas, uploads: 450,
			mailboxes: []string{"me"}, mails: 1000,
			logs: []logFile{
				{"logs/access_log", kindAccess, 60}, {"logs/error_log", kindError, 5},
				{"logs/access_log.1.gz", kindGzip, 8}, {"logs/access_log.2.gz", kindGzip, 8},
			},
			extra: []entry{{path: "httpdocs/latest-access.log", kind: kindSymlink, link: "../logs/access_log"}},
		},
		{
			domain: "app.example", text: 0.35, uploads: 100,
			areas: []area{
				{"httpdocs/public", 0.05, exts("js", 5, "css", 3, "html", 2)},
				{"app", 0.05, exts("php", 1)},
				{"vendor", 0.42, exts("php", 18, "json", 1, "md", 1)},
				{"node_modules", 0.43, exts("js", 8, "json", 1, "md", 1)},
				{"resources/views", 0.05, exts("php", 1)},
			},
			mailboxes: []string{"support", "noreply"}, mails: 1500,
			logs: []logFile{
				{"logs/access_log", kindAccess, 110}, {"logs/error_log", kindError, 8},
				{"storage/logs/laravel.log", kindAppLog, 25},
			},
			extra: []entry{
				{path: "httpdocs/public/storage", kind: kindSymlink, link: "../../storage/app/public"},
				{path: "storage/app/public", kind: kindDir},
				{path: "storage/framework/cache", kind: kindDir},
				{path: "artisan", kind: kindText, size: 1686, mode: 0o755},
				{path: ".env", kind: kindText, size: 900, mode: 0o600},
			},
		},
		{
			domain: "static.example", text: 0.1, uploads: 50,
			areas: []area{{"httpdocs", 1, exts("html", 5, "css", 2, "js", 3)}},
			logs:  []logFile{{"logs/access_log", kindAccess, 20}},
		},
	}
)

// exts expands ("php", 3, "js", 1) to [php php php js].
func exts(pairs ...any) []string {
	var out []string
	for i := 0; i < len(pairs); i += 2 {
		for range pairs[i+1].(int) {
			out = append(out, pairs[i].(string))
		}
	}
	return out
}

// site plans one webspace.
func (p *planner) site(s site) {
	root := s.domain + "/"
	p.add(entry{path: root + "httpdocs/.htaccess", kind: kindText, size: 1200})
	if s.areas[0].dir == wpAreas[0].dir {
		p.add(entry{path: root + "httpdocs/wp-config.php", kind: kindText, size: 3300, mode: 0o600})
	}
	n := p.count(int(s.text * textFiles))
	for _, a := range s.areas {
		p.area(root+a.dir, a, max(1, int(float64(n)*a.share)))
	}
	p.uploads(root+"httpdocs/wp-content/uploads", p.count(s.uploads))
	for _, box := range s.mailboxes {
		p.maildir(root+"mail/"+s.domain+"/"+box, p.count(s.mails/len(s.mailboxes)))
	}
	for _, l := range s.logs {
		p.add(entry{path: root + l.path, kind: l.kind, size: p.bytes(l.mb), mtime: baseTime})
	}
	for _, e := range s.extra {
		e.path = root + e.path
		if e.kind == kindZip {
			e.size = p.bytes(float64(e.size) / (1 << 20))
		}
		p.add(e)
	}
}

// area plans n source files in a random directory tree under dir, about ten per directory.
func (p *planner) area(dir string, a area, n int) {
	dirs := []string{dir}
	for range n / 10 {
		parent := dirs[p.r.IntN(len(dirs))]
		dirs = append(dirs, parent+"/"+p.word())
	}
	for range n {
		d := dirs[p.r.IntN(len(dirs))]
		ext := a.exts[p.r.IntN(len(a.exts))]
		p.add(entry{path: d + "/" + p.name(ext), kind: kindText, size: p.textSize()})
	}
}

// uploads plans n images in year/month folders, each with WordPress's three thumbnails.
func (p *planner) uploads(dir string, n int) {
	for range n {
		month := fmt.Sprintf("%s/%d/%02d/", dir, 2021+p.r.IntN(4), 1+p.r.IntN(12))
		ext := "jpg"
		if p.r.IntN(5) == 0 {
			ext = "png"
		}
		stem := p.word() + "-" + p.word()
		if p.r.IntN(50) == 0 {
			stem = "Photo " + strings.ToUpper(p.word()[:1]) + " été (1)" // names users really upload
		}
		full := min(4<<20, int64(40000+p.r.ExpFloat64()*110000))
		p.add(entry{path: month + stem + "." + ext, kind: kindImage, size: full})
		for i, wh := range []string{"150x150", "300x200", "1024x683"} {
			size := full / int64(16>>(i*2)) / 2
			p.add(entry{path: path.Join(month, stem+"-"+wh+"."+ext), kind: kindImage, size: max(size, 2000)})
		}
	}
}

// maildir plans n messages of a mailbox, one in ten still unread in new/.
func (p *planner) maildir(dir string, n int) {
	p.add(entry{path: dir + "/tmp", kind: kindDir})
	for i := range n {
		size := min(8<<20, int64(1500+p.r.ExpFloat64()*6000))
		if p.r.IntN(8) == 0 {
			size += int64(p.r.ExpFloat64() * 120000) // an attachment
		}
		t := baseTime/1e9 - int64(n-i)*3000
		name := fmt.Sprintf("%d.M%dP%d.mx1.hosting.example,S=%d,W=%d", t, p.r.IntN(999999), 1000+p.r.IntN(30000), size, size+size/40)
		sub := "/cur/" + name + ":2,S"
		if p.r.IntN(10) == 0 {
			sub = "/new/" + name
		}
		p.add(entry{path: dir + sub, kind: kindMail, size: size, mtime: t * 1e9, mode: 0o600})
	}
	p.add(entry{path: dir + "/dovecot-uidlist", kind: kindText, size: int64(n) * 60, mode: 0o600})
}
