package store

// Codes lists every error code of the store's refusals, for the panel's translations.
var Codes = []string{CodeNotFound, CodeExists, CodeBusy, CodeInvalidLogin, CodeReservedLogin, CodeInvalidDomain,
	CodeInvalidEmail, CodeInvalidLang, CodeInvalidText, CodeInvalidPath, CodeInvalidUser, CodeInvalidName,
	CodeInvalidEngine, CodeInvalidPort, CodeRootMissing, CodeRootNotDir, CodeRootOverlap, CodeRootData,
	CodeWrongSubDomain, CodeRequired, CodeMainDomain, CodeNotAbsolute}

// CodeNotAbsolute refuses a host path (a webspace root, a Maildir, a SQLite file) that is not
// a clean absolute path.
const CodeNotAbsolute = "not_absolute"
