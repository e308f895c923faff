/**
 * path-traversal, JavaScript / TypeScript: a request-supplied name (`req.params`,
 * `req.query`, `req.body`, multer `req.file.originalname`, NestJS `@Param()`) joined into a
 * path (`path.join` / `path.resolve`) or given to `fs` / `res.sendFile` / `res.download`
 * without `path.basename` or a containment check (`startsWith`, `path.relative`).
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { isJsTestCode, isBrowserModule } from '../../lang/scope';
import { builtValues, enclosingFn, levelOf, REQUEST } from '../../lang/js/taint';

const JOINS = /^(?:node:)?path\.(?:join|resolve|posix\.join)$/;
const FS = /^(?:node:)?fs(?:\/promises|-extra)?\.(?:promises\.)?(?:readFile|readFileSync|writeFile|writeFileSync|createReadStream|createWriteStream|unlink|unlinkSync|rm|rmSync|rename|renameSync|appendFile|appendFileSync|copyFile|copyFileSync|readdir|readdirSync|stat|statSync|access|mkdir|mkdirSync|open|openSync)$/;
const CONTAINMENT = /\.startsWith\(|path\.relative\(|\brelative\(|sanitize-filename|sanitizeFilename\(/;

function isJoin(e: ts.Expression, ctx: JsContext): boolean {
  return ts.isCallExpression(e) && JOINS.test(ctx.bindings.resolve(e.expression) ?? '');
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /\b(?:req|request)\b|@(?:Param|Query|Body)\(/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) && !ts.isIdentifier(callee)) return;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.text;
    if (!/^(?:join|resolve|sendFile|download|readFile|readFileSync|writeFile|writeFileSync|createReadStream|createWriteStream|unlink|unlinkSync|rm|rmSync|rename|renameSync|appendFile|appendFileSync|copyFile|copyFileSync|readdir|readdirSync|stat|statSync|access|mkdir|mkdirSync|open|openSync)$/.test(name)) return;
    if (!call.arguments.length) return;
    const q = ctx.bindings.resolve(callee);
    const join = JOINS.test(q ?? '');
    const sends = (name === 'sendFile' || name === 'download') && ts.isPropertyAccessExpression(callee) && /^(?:res|response|reply)$/.test(callee.expression.getText());
    if (!join && !sends && !FS.test(q ?? '')) return;
    if (sends && call.arguments.length > 1 && call.arguments.slice(1).some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name?.getText() === 'root'))) return; // `{ root }` refuses `..`
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const fn = enclosingFn(call);
    if (!fn || CONTAINMENT.test(fn.getText())) return;
    const tctx = { bindings: ctx.bindings, sourceFile: ctx.sourceFile };
    const checked = join ? [...call.arguments] : [call.arguments[0]];
    const bad = checked.find((a) => levelOf(a, fn, tctx) === REQUEST);
    if (!bad) return;
    if (!join && builtValues(bad, fn).some((v) => isJoin(v, ctx))) return; // reported at the join
    const sf = ctx.sourceFile;
    ctx.report({
      node: call,
      message: 'A request-supplied name reaches a filesystem path: `../` in it escapes the folder (path traversal); keep only its base name',
      fixes: () => {
        if (!join || bad !== call.arguments[call.arguments.length - 1] || call.arguments.length < 2 || !ts.isPropertyAccessExpression(callee)) return [];
        const mod = callee.expression.getText(sf);
        return [{
          title: `Keep only the file name (\`${mod}.basename\`)`,
          applicability: 'unsafe',
          edits: [
            { start: bad.getStart(sf), end: bad.getStart(sf), newText: `${mod}.basename(` },
            { start: bad.getEnd(), end: bad.getEnd(), newText: ')' },
          ],
        }];
      },
    });
  },
};
