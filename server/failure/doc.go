// Package failure sorts errors into the stable codes that the panel explains in its language.
package failure
