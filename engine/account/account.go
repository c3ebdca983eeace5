package account

import "time"

// Rights are what the administrator lets a client do. Every API call checks them on the server;
// the panel shows a forbidden option disabled, with the reason.
type Rights struct {
	ServerStorage bool `json:"serverStorage"` // back up and restore with the server storage
	FTPStorage    bool `json:"ftpStorage"`    // back up and restore with the personal FTP storage
	AccountBackup bool `json:"accountBackup"` // back up the account (otherwise websites only)
	Restore       bool `json:"restore"`       // restore its own backups
}

// AllRights is what a new client gets unless told otherwise.
var AllRights = Rights{ServerStorage: true, FTPStorage: true, AccountBackup: true, Restore: true}

// Client is a customer of the hosting provider. Login is its key.
type Client struct {
	Login   string       `json:"login"`
	Name    string       `json:"name"`
	Company string       `json:"company,omitempty"`
	Email   string       `json:"email,omitempty"`
	Lang    string       `json:"lang"` // "en" or "fr"
	Rights  Rights       `json:"rights"`
	FTP     *FTPSettings `json:"ftp,omitempty"` // nil until the client sets its personal FTP storage
	Created time.Time    `json:"created"`
}

// FTPSettings are a client's personal FTP storage. The password is kept encrypted by the server
// and never carried: HasPassword says whether one is set.
type FTPSettings struct {
	Host        string `json:"host"`
	Port        int    `json:"port"`
	User        string `json:"user"`
	Dir         string `json:"dir,omitempty"`
	TLS         string `json:"tls"`                   // "none", "explicit" or "implicit"
	Fingerprint string `json:"fingerprint,omitempty"` // SHA-256 of a self-signed certificate trusted, hex
	HasPassword bool   `json:"hasPassword"`
}

// Subscription is a webspace: a directory on the host that belongs to one client. Domain (the
// main domain) is its key.
type Subscription struct {
	Domain string   `json:"domain"`
	Client string   `json:"client"`         // the owner's login
	Root   string   `json:"root"`           // absolute, cleaned; never inside another subscription's root
	Logs   []string `json:"logs,omitempty"` // log directories, slash paths relative to Root
	User   string   `json:"user,omitempty"` // system user that owns the files
}

// Domain is a site served from a subscription's webspace. Name is its key.
type Domain struct {
	Name         string   `json:"name"`
	Subscription string   `json:"subscription"` // the subscription's main domain
	DocRoot      string   `json:"docroot"`      // slash path relative to the webspace root, e.g. "httpdocs"
	Aliases      []string `json:"aliases,omitempty"`
}

// Mailbox is a mail account kept as a Maildir. Address is its key.
type Mailbox struct {
	Address      string `json:"address"`
	Subscription string `json:"subscription"`
	Maildir      string `json:"maildir"` // absolute directory
}

// Database is a database that belongs to a subscription. The password is never carried.
type Database struct {
	Name         string `json:"name"`
	Subscription string `json:"subscription"`
	Engine       string `json:"engine"` // "postgres", "mysql" or "sqlite"
	Host         string `json:"host,omitempty"`
	Port         int    `json:"port,omitempty"`
	User         string `json:"user,omitempty"`
	Path         string `json:"path,omitempty"` // the file, for sqlite
	HasPassword  bool   `json:"hasPassword,omitempty"`
}

// Account is everything one client owns: what a backup of the account captures as configuration.
type Account struct {
	Client        Client         `json:"client"`
	Subscriptions []Subscription `json:"subscriptions"`
	Domains       []Domain       `json:"domains"`
	Mailboxes     []Mailbox      `json:"mailboxes"`
	Databases     []Database     `json:"databases"`
}
