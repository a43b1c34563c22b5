package org.pplc.docs;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.apache.velocity.util.introspection.SecureUberspector;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;

/**
 * A sandboxed Velocity engine for one output format. Templates are classpath resources under
 * {@code templates/html} or {@code templates/md}, one per page kind, with the shared macros of
 * {@code macros.vm}. The sandbox: the secure uberspector refuses reflection, class loaders,
 * threads and the runtime; strict references make a misspelt name an error instead of text on
 * the page; and templates only ever see the plain maps, lists and strings of the view model.
 */
final class Templates {
    private final VelocityEngine engine;
    private final Escape.Format format;
    private final String folder;

    Templates(Escape.Format format) {
        this.format = format;
        this.folder = format == Escape.Format.HTML ? "templates/html/" : "templates/md/";
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        p.setProperty("resource.loader.classpath.cache", "true");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
        p.setProperty("introspector.restrict.packages", "java.lang.reflect,java.lang.invoke,java.io,java.nio,java.net");
        p.setProperty("introspector.restrict.classes", String.join(",",
                "java.lang.Class", "java.lang.ClassLoader", "java.lang.Compiler", "java.lang.InheritableThreadLocal",
                "java.lang.Package", "java.lang.Process", "java.lang.ProcessBuilder", "java.lang.Runtime",
                "java.lang.RuntimePermission", "java.lang.SecurityManager", "java.lang.System", "java.lang.Thread",
                "java.lang.ThreadGroup", "java.lang.ThreadLocal", "java.lang.Module", "java.lang.ModuleLayer"));
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.VM_LIBRARY, folder + "macros.vm");
        p.setProperty(RuntimeConstants.VM_PERM_ALLOW_INLINE, "false");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        engine = new VelocityEngine(p);
        engine.init();
    }

    /** Renders a page kind (e.g. "code") with the model; every inserted value is escaped for the format. */
    String render(String pageKind, Map<String, Object> model) {
        VelocityContext context = new VelocityContext();
        model.forEach(context::put);
        EventCartridge events = new EventCartridge();
        events.addEventHandler(Escape.forFormat(format));
        events.attachToContext(context);
        Template t = engine.getTemplate(folder + pageKind + ".vm", "UTF-8");
        StringWriter out = new StringWriter();
        t.merge(context, out);
        // Templates are LF; the normalisation keeps a checkout with CRLF templates byte-identical.
        return out.toString().replace("\r\n", "\n");
    }

    /** Renders inline template text (tests use this to probe the sandbox). */
    String evaluate(String templateText, Map<String, Object> model) {
        VelocityContext context = new VelocityContext();
        model.forEach(context::put);
        EventCartridge events = new EventCartridge();
        events.addEventHandler(Escape.forFormat(format));
        events.attachToContext(context);
        StringWriter out = new StringWriter();
        engine.evaluate(context, out, "inline", templateText);
        return out.toString();
    }
}
