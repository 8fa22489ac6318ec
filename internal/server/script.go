package server

// reloadScript is what every served HTML page gets before </body>: it
// listens to the event stream, reloads on "reload", swaps stylesheets on
// "css", and shows or hides the build error overlay.
var reloadScript = []byte(`<script>/* bulletin live reload */(function(){
if(!window.EventSource)return;
var es=new EventSource("` + EventsPath + `"),box=null;window.bulletinLiveReload=es;
es.addEventListener("reload",function(){location.reload()});
es.addEventListener("css",function(){
document.querySelectorAll('link[rel~="stylesheet"]').forEach(function(l){
var u=new URL(l.href);u.searchParams.set("bulletin-reload",Date.now());l.href=u.href})});
es.addEventListener("error",function(e){
var d=JSON.parse(e.data);
if(!box){box=document.createElement("div");box.id="bulletin-error";
box.setAttribute("role","alert");
box.style.cssText="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:2em;font:14px/1.6 ui-monospace,monospace;white-space:pre-wrap";
document.body.appendChild(box)}
box.textContent=(d.site?"bulletin: the last build failed; showing the previous site.":"` + noSiteYet + `")+"\n\n"+d.message});
es.addEventListener("ok",function(){if(box){box.remove();box=null}});
})();</script>
`)
