package org.pplc.docs;
import org.pplc.compiler.PolicyCompiler;
import java.nio.file.Path;
public class Scratch {
  public static void main(String[] a) throws Exception {
    var c = PolicyCompiler.compileDirectory(Path.of(a[0]));
    System.out.println(DocumentSite.render(c, Path.of(a[0]), Path.of(a[1])).size());
  }
}
