/**
 * Reviewer documents: the compiled policies turned into a view model of plain strings, lists and
 * maps, rendered by a sandboxed Velocity into a static HTML site and the same content as Markdown.
 * Entry points: {@link org.pplc.docs.DocumentSite#render} and {@link org.pplc.docs.ChangeReport}.
 */
package org.pplc.docs;
