package demo

import "coffre/engine/account"

// The demo host: one client with every right and two domains, one restricted to websites on the
// server storage, one with two subscriptions.

type clientPlan struct {
	client account.Client
	subs   []subPlan
}

type subPlan struct {
	site      site
	user      string
	extra     []account.Domain // more domains served from the webspace (Subscription is filled in)
	app       bool             // a nested application under httpdocs/app
	mailboxes []mailboxPlan
	db        *table
}

type mailboxPlan struct {
	local string
	msgs  []message
}

var plans = []clientPlan{
	{
		client: account.Client{Login: "acme", Name: "Claire Dubois", Company: "Acme Corp", Email: "claire.dubois@acme.example",
			Lang: "en", Rights: account.AllRights},
		subs: []subPlan{{
			site:  site{domain: "acme.example", title: "Acme Corp", lang: "en", pages: 25},
			user:  "acme",
			extra: []account.Domain{{Name: "acme-store.example", DocRoot: "store"}},
			app:   true,
			mailboxes: []mailboxPlan{
				{"contact", []message{
					{"orders@supplier.example", "Your order #1042 has shipped", "Hello,\nYour order is on its way.\nRegards"},
					{"marie.leroy@example.org", "Demande de devis", "Bonjour,\nPourriez-vous m'envoyer un devis ?\nMerci"},
					{"noreply@bank.example", "Monthly statement", "Your statement is ready."},
					{"tom@example.com", "Meeting on Thursday", "Does 10:00 still work for you?"},
					{"support@hosting.example", "Maintenance window", "Planned maintenance on Sunday 02:00-04:00 UTC."},
				}},
				{"claire", []message{
					{"paul.bernard@example.fr", "Réunion de lundi", "Salut Claire,\nOn décale à 14 h ?\nPaul"},
					{"newsletter@design.example", "Ten ideas for spring", "Read online."},
					{"tom@example.com", "Slides", "Attached are the slides."},
				}},
			},
			db: &table{Name: "products", Create: "CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, stock INTEGER NOT NULL)",
				Rows: [][]any{{int64(1), "Anvil", 129.0, int64(12)}, {int64(2), "Rocket skates", 349.5, int64(3)},
					{int64(3), "Giant magnet", 89.9, int64(0)}, {int64(4), "Bird seed (5 kg)", 14.25, int64(140)}}},
		}},
	},
	{
		client: account.Client{Login: "bistro", Name: "Julien Moreau", Company: "Bistro du Port", Email: "julien@bistro-du-port.example",
			Lang: "fr", Rights: account.Rights{ServerStorage: true, FTPStorage: false, AccountBackup: false, Restore: true}},
		subs: []subPlan{{
			site: site{domain: "bistro-du-port.example", title: "Bistro du Port", lang: "fr", pages: 12},
			user: "bistro",
			mailboxes: []mailboxPlan{{"reservation", []message{
				{"anne.petit@example.fr", "Réservation samedi soir", "Bonjour,\nUne table pour quatre à 20 h, samedi ?\nAnne"},
				{"events@example.com", "Private dinner for 12", "Hello, could we book the terrace?"},
				{"fournisseur@maree.example", "Livraison de poisson", "Livraison demain 7 h."},
			}}},
			db: &table{Name: "reservations", Create: "CREATE TABLE reservations(id INTEGER PRIMARY KEY, name TEXT NOT NULL, guests INTEGER NOT NULL, day TEXT NOT NULL)",
				Rows: [][]any{{int64(1), "Anne Petit", int64(4), "2026-11-28"}, {int64(2), "James Carter", int64(2), "2026-11-28"},
					{int64(3), "Famille Roux", int64(6), "2026-11-29"}}},
		}},
	},
	{
		client: account.Client{Login: "atelier", Name: "Sophie Laurent", Company: "Atelier Lumière", Email: "sophie@atelier-lumiere.example",
			Lang: "fr", Rights: account.AllRights},
		subs: []subPlan{
			{
				site: site{domain: "atelier-lumiere.example", title: "Atelier Lumière", lang: "fr", pages: 10},
				user: "atelier",
				mailboxes: []mailboxPlan{{"bonjour", []message{
					{"galerie@example.fr", "Exposition de décembre", "Chère Sophie,\nLes tirages sont arrivés.\nÀ bientôt"},
					{"client@example.com", "Print order", "I would like two prints of the harbour series."},
					{"compta@example.fr", "Facture novembre", "Veuillez trouver la facture ci-jointe."},
				}}},
			},
			{
				site: site{domain: "lumiere-studio.example", title: "Lumière Studio", lang: "en", pages: 8},
				user: "lumiere",
				app:  true,
				db: &table{Name: "bookings", Create: "CREATE TABLE bookings(id INTEGER PRIMARY KEY, customer TEXT NOT NULL, session TEXT NOT NULL, paid REAL)",
					Rows: [][]any{{int64(1), "Emma Wilson", "Portrait", 180.0}, {int64(2), "Lucas Garnier", "Mariage", nil}}},
			},
		},
	},
}
